package dev.gradcheck.samples.nn;

import java.util.Random;

/**
 * Inverted dropout in training mode: every entry is zeroed with probability {@code rate} and the
 * others are scaled by {@code 1 / (1 - rate)}, elementwise over an input of any shape.
 *
 * <p>The mask is drawn from the layer's own {@link Random} and kept: forwards repeat the same mask
 * until {@link #resample()} is called, as a training loop does once per step. A forward is
 * therefore a deterministic function of its input, which is what a gradient check (and the
 * backward) needs; a fresh mask per forward call would make every finite difference compare two
 * different functions.
 */
public final class Dropout {

  /** The probability of dropping an entry, in {@code [0, 1)}. */
  public final double rate;

  private final Random random;
  private double[] mask = new double[0];
  private double[] y = new double[0];
  private boolean stale = true;

  /**
   * Creates the layer.
   *
   * @param rate the probability of dropping an entry, in {@code [0, 1)}
   * @param random the source of the masks
   */
  public Dropout(double rate, Random random) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
    this.random = random;
  }

  /** Makes the next forward draw a new mask. */
  public void resample() {
    stale = true;
  }

  /**
   * Multiplies the input by the mask, drawing the mask first when {@link #resample()} was called or
   * the input size changed.
   *
   * @param x input, any shape
   * @return output, the shape of {@code x}; reused by the next forward of the same size
   */
  public double[] forward(double[] x) {
    if (stale || mask.length != x.length) {
      if (mask.length != x.length) {
        mask = new double[x.length];
        y = new double[x.length];
      }
      double keep = 1 / (1 - rate);
      for (int i = 0; i < mask.length; i++) {
        mask[i] = random.nextDouble() < rate ? 0 : keep;
      }
      stale = false;
    }
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * mask[i];
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: {@code dx = dy · mask}.
   *
   * @param dy gradient of the output, the shape of {@code x}
   * @param dx filled with the gradient of the input, the shape of {@code x}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    Shapes.requireLength(dy, mask.length, "dy");
    Shapes.requireLength(dx, mask.length, "dx");
    for (int i = 0; i < mask.length; i++) {
      dx[i] = dy[i] * mask[i];
    }
    return dx;
  }
}
