package dev.gradcheck.samples.nn;

/**
 * The Gaussian error linear unit in its tanh approximation (Hendrycks and Gimpel; as in BERT and
 * GPT-2), elementwise over an input of any shape:
 *
 * <pre>
 * y = x/2 · (1 + tanh(u)),  u = √(2/π) · (x + 0.044715 x³)
 * </pre>
 *
 * <p>The backward is the exact derivative of this approximation, not of the erf form {@code x Φ(x)}
 * (which it differs from by up to about 1e-3).
 */
public final class Gelu {

  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
  private static final double CUBIC = 0.044715;

  private double[] x;
  private double[] t = new double[0];
  private double[] y = new double[0];

  /** Creates the layer; it has no parameters. */
  public Gelu() {}

  /**
   * Applies the approximate GELU elementwise.
   *
   * @param x input, any shape; kept for the backward
   * @return output, the shape of {@code x}; reused by the next forward of the same size
   */
  public double[] forward(double[] x) {
    this.x = x;
    if (y.length != x.length) {
      y = new double[x.length];
      t = new double[x.length];
    }
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      t[i] = Math.tanh(SQRT_2_OVER_PI * (v + CUBIC * v * v * v));
      y[i] = 0.5 * v * (1 + t[i]);
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: {@code dx = dy · (½(1 + t) + ½ x (1 - t²) u')} with
   * {@code t = tanh(u)} and {@code u' = √(2/π)(1 + 3 · 0.044715 x²)}.
   *
   * @param dy gradient of the output, the shape of {@code x}
   * @param dx filled with the gradient of the input, the shape of {@code x}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    Shapes.requireLength(dy, x.length, "dy");
    Shapes.requireLength(dx, x.length, "dx");
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      double du = SQRT_2_OVER_PI * (1 + 3 * CUBIC * v * v);
      dx[i] = dy[i] * (0.5 * (1 + t[i]) + 0.5 * v * (1 - t[i] * t[i]) * du);
    }
    return dx;
  }
}
