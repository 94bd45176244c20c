package dev.gradcheck.samples.nn;

/** The hyperbolic tangent {@code y = tanh(x)}, elementwise over an input of any shape. */
public final class Tanh {

  private double[] y = new double[0];

  /** Creates the layer; it has no parameters. */
  public Tanh() {}

  /**
   * Applies {@code tanh} elementwise.
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
      y[i] = Math.tanh(x[i]);
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: {@code dx = dy * (1 - y²)}.
   *
   * @param dy gradient of the output, the shape of {@code x}
   * @param dx filled with the gradient of the input, the shape of {@code x}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    Shapes.requireLength(dy, y.length, "dy");
    Shapes.requireLength(dx, y.length, "dx");
    for (int i = 0; i < y.length; i++) {
      dx[i] = dy[i] * (1 - y[i] * y[i]);
    }
    return dx;
  }
}
