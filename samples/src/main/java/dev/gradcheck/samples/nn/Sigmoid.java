package dev.gradcheck.samples.nn;

/** The logistic function {@code y = 1 / (1 + exp(-x))}, elementwise over an input of any shape. */
public final class Sigmoid {

  private double[] y = new double[0];

  /** Creates the layer; it has no parameters. */
  public Sigmoid() {}

  /**
   * Applies the logistic function elementwise, without overflow for inputs of either sign.
   *
   * @param x input, any shape
   * @return output, the shape of {@code x}; kept for the backward and reused by the next forward of
   *     the same size
   */
  public double[] forward(double[] x) {
    if (y.length != x.length) {
      y = new double[x.length];
    }
    for (int i = 0; i < x.length; i++) {
      y[i] = sigmoid(x[i]);
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: {@code dx = dy * y * (1 - y)}.
   *
   * @param dy gradient of the output, the shape of {@code x}
   * @param dx filled with the gradient of the input, the shape of {@code x}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    Shapes.requireLength(dy, y.length, "dy");
    Shapes.requireLength(dx, y.length, "dx");
    for (int i = 0; i < y.length; i++) {
      dx[i] = dy[i] * y[i] * (1 - y[i]);
    }
    return dx;
  }

  /** Returns {@code 1 / (1 + exp(-x))}, computed so that neither sign overflows. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
