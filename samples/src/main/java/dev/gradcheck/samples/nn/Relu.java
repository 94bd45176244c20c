package dev.gradcheck.samples.nn;

/**
 * The rectifier {@code y = max(0, x)}, elementwise over an input of any shape. At {@code x = 0} the
 * backward uses the subgradient 0.
 */
public final class Relu {

  private double[] x;
  private double[] y = new double[0];

  /** Creates the layer; it has no parameters. */
  public Relu() {}

  /**
   * Computes {@code max(0, x)} elementwise.
   *
   * @param x input, any shape; kept for the backward
   * @return output, the shape of {@code x}; reused by the next forward of the same size
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
   * @param dy gradient of the output, the shape of {@code x}
   * @param dx filled with the gradient of the input, the shape of {@code x}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    Shapes.requireLength(dy, x.length, "dy");
    Shapes.requireLength(dx, x.length, "dx");
    for (int i = 0; i < x.length; i++) {
      dx[i] = x[i] > 0 ? dy[i] : 0;
    }
    return dx;
  }
}
