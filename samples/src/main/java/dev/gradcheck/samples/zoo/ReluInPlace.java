package dev.gradcheck.samples.zoo;

/** A rectifier that saves memory by overwriting its input with the output. */
public final class ReluInPlace {

  private double[] x;

  /** Creates the layer. */
  public ReluInPlace() {}

  /**
   * Computes {@code max(0, x)} in place.
   *
   * @param x input, any shape; overwritten with the output
   * @return {@code x} itself
   */
  public double[] forward(double[] x) {
    this.x = x;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        x[i] = 0; // the bug: the caller's input (a declared parameter) is changed
      }
    }
    return x;
  }

  /**
   * Backpropagates through the last forward: {@code dx = dy} where the output is positive.
   *
   * @param dy gradient of the output
   * @param dx filled with the gradient of the input
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    for (int i = 0; i < x.length; i++) {
      dx[i] = x[i] > 0 ? dy[i] : 0;
    }
    return dx;
  }
}
