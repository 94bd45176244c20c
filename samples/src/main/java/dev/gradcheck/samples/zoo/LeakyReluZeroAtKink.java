package dev.gradcheck.samples.zoo;

/** A leaky rectifier whose backward uses 0 at {@code x = 0}, outside {@code [slope, 1]}. */
public final class LeakyReluZeroAtKink {

  /** The slope for negative inputs. */
  public final double slope;

  private double[] x;
  private double[] y = new double[0];

  /**
   * Creates the layer.
   *
   * @param slope the slope for negative inputs
   */
  public LeakyReluZeroAtKink(double slope) {
    this.slope = slope;
  }

  /**
   * Applies the leaky rectifier elementwise.
   *
   * @param x input, any shape; kept for the backward
   * @return output, the shape of {@code x}
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
   * Backpropagates through the last forward, with 0 at the kink.
   *
   * @param dy gradient of the output
   * @param dx filled with the gradient of the input
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    for (int i = 0; i < x.length; i++) {
      // the bug: copied from Relu, where 0 is a valid subgradient; here it must be in [slope, 1]
      dx[i] = x[i] > 0 ? dy[i] : x[i] < 0 ? slope * dy[i] : 0;
    }
    return dx;
  }
}
