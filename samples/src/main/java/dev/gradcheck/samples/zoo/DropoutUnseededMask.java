package dev.gradcheck.samples.zoo;

import java.util.Random;

/** A dropout layer that draws a fresh mask from an unseeded generator on every forward. */
public final class DropoutUnseededMask {

  /** The probability of dropping an entry, in {@code [0, 1)}. */
  public final double rate;

  private final Random random = new Random(); // the bug: unseeded, and drawn from on every forward
  private double[] mask = new double[0];
  private double[] y = new double[0];

  /**
   * Creates the layer.
   *
   * @param rate the probability of dropping an entry
   */
  public DropoutUnseededMask(double rate) {
    this.rate = rate;
  }

  /**
   * Multiplies the input by a freshly drawn mask.
   *
   * @param x input, any shape
   * @return output, the shape of {@code x}
   */
  public double[] forward(double[] x) {
    if (mask.length != x.length) {
      mask = new double[x.length];
      y = new double[x.length];
    }
    double keep = 1 / (1 - rate);
    for (int i = 0; i < x.length; i++) {
      mask[i] = random.nextDouble() < rate ? 0 : keep;
      y[i] = x[i] * mask[i];
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: {@code dx = dy · mask}.
   *
   * @param dy gradient of the output
   * @param dx filled with the gradient of the input
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    for (int i = 0; i < mask.length; i++) {
      dx[i] = dy[i] * mask[i];
    }
    return dx;
  }
}
