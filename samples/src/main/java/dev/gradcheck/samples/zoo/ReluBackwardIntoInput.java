package dev.gradcheck.samples.zoo;

/** A rectifier whose backward computes the gradient in place in its (the caller's) input. */
public final class ReluBackwardIntoInput {

  private double[] x;
  private double[] y = new double[0];

  /** Creates the layer. */
  public ReluBackwardIntoInput() {}

  /**
   * Computes {@code max(0, x)} elementwise.
   *
   * @param x input, any shape; kept (by reference) for the backward
   * @return output, the shape of {@code x}
   */
  public double[] forward(double[] x) {
    this.x = x;
    if (y.length != x.length) {
      y = new double[x.length];
    }
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] > 0 ? x[i] : 0;
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: {@code dx = dy} where {@code x > 0}, else 0.
   *
   * @param dy gradient of the output
   * @param dx filled with the gradient of the input
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] > 0 ? dy[i] : 0; // the bug: "the input is not needed any more"
    }
    System.arraycopy(x, 0, dx, 0, x.length);
    return dx;
  }
}
