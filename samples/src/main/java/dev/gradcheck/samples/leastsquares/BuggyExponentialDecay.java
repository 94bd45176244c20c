package dev.gradcheck.samples.leastsquares;

/**
 * {@link ExponentialDecay} with a classic slip in its Jacobian: the derivative by the rate {@code
 * k} forgets the factor {@code t}, i.e. {@code d/dk exp(-k t)} written as {@code -exp(-k t)}.
 * Levenberg–Marquardt still converges on easy data, only slower and often elsewhere.
 */
public final class BuggyExponentialDecay extends ExponentialDecay {

  private final double[] times;

  /** Creates the buggy model; see {@link ExponentialDecay#ExponentialDecay}. */
  public BuggyExponentialDecay(double[] t, double[] y, double[] theta) {
    super(t, y, theta);
    this.times = t.clone();
  }

  @Override
  public double[][] jacobian() {
    double[][] jacobian = super.jacobian();
    for (int i = 0; i < jacobian.length; i++) {
      jacobian[i][1] = -theta[0] * Math.exp(-theta[1] * times[i]); // the bug: no factor t
    }
    return jacobian;
  }
}
