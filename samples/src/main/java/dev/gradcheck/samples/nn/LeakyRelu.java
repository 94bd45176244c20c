package dev.gradcheck.samples.nn;

/**
 * The leaky rectifier {@code y = x} for {@code x > 0}, {@code slope * x} otherwise, elementwise
 * over an input of any shape. At {@code x = 0} the backward uses the subgradient {@code slope}.
 */
public final class LeakyRelu {

  /** The slope for negative inputs, such as 0.01. */
  public final double slope;

  private double[] x;
  private double[] y = new double[0];

  /**
   * Creates the layer; it has no trainable parameters.
   *
   * @param slope the slope for negative inputs
   */
  public LeakyRelu(double slope) {
    this.slope = slope;
  }

  /**
   * Applies the leaky rectifier elementwise.
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
      y[i] = x[i] > 0 ? x[i] : slope * x[i];
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: {@code dx = dy} where {@code x > 0}, else {@code slope
   * * dy}.
   *
   * @param dy gradient of the output, the shape of {@code x}
   * @param dx filled with the gradient of the input, the shape of {@code x}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    Shapes.requireLength(dy, x.length, "dy");
    Shapes.requireLength(dx, x.length, "dx");
    for (int i = 0; i < x.length; i++) {
      dx[i] = x[i] > 0 ? dy[i] : slope * dy[i];
    }
    return dx;
  }
}
