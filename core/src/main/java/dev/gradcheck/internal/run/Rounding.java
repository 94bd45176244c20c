package dev.gradcheck.internal.run;

/**
 * The error of one evaluated value: three standard deviations of the measured noise, and at least
 * half a unit of the working precision's rounding at the values' magnitude. Every difference of
 * evaluations is charged with it.
 */
final class Rounding {

  private Rounding() {}

  /**
   * @param sigma the measured noise of the value
   * @param epsilon the working precision's epsilon
   * @param magnitude the largest magnitude among the values differenced
   * @return the error bound of one value
   */
  static double of(double sigma, double epsilon, double magnitude) {
    return 3 * Math.max(sigma, 0.5 * epsilon * magnitude);
  }
}
