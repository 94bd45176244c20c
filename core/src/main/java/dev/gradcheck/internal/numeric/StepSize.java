package dev.gradcheck.internal.numeric;

import dev.gradcheck.Precision;

/** The base step of a central difference. */
public final class StepSize {

  private StepSize() {}

  /**
   * Returns {@code cbrt(epsilon) * max(1, |x|)} rounded to the nearest power of two.
   *
   * <p>The cube root of epsilon balances the central difference's O(h²) truncation against its
   * O(epsilon/h) rounding error. A power of two keeps {@code x ± h} exact for every {@code x} whose
   * last significant bit is at least {@code ulp(x ± h)}, which is almost always.
   */
  public static double central(double x, Precision precision) {
    return central(x, precision, 1.0);
  }

  /**
   * The central-difference step for an entry of a parameter whose typical magnitude is {@code
   * scale}: {@code ∛ε · max(scale, |x|)}, rounded to the nearest power of two.
   *
   * @param x the entry's value
   * @param precision the precision it is computed in
   * @param scale the parameter's typical magnitude (1 unless declared)
   * @return the step
   */
  public static double central(double x, Precision precision, double scale) {
    double h = Math.cbrt(precision.epsilon()) * Math.max(scale, Math.abs(x));
    double below = Math.scalb(1.0, Math.getExponent(h));
    return h / below > Math.sqrt(2.0) ? 2 * below : below;
  }

  /**
   * The noise probe's step for an entry of a parameter whose typical magnitude is {@code scale}: a
   * power of two near {@code 2^-20 max(scale, |x|)} in double and {@code 2^-12 max(scale, |x|)} in
   * float, made {@code 2^finer} times smaller for a function that varies fast; small enough that
   * the function's smooth part vanishes from third and higher differences and few kinks lie on the
   * probe's line, yet many units in the last place of the precision.
   *
   * @param x the entry's value
   * @param precision the precision it is computed in
   * @param finer how many halvings below the usual step
   * @param scale the parameter's typical magnitude (1 unless declared)
   * @return the step
   */
  public static double noiseProbe(double x, Precision precision, int finer, double scale) {
    int below = (precision == Precision.FLOAT ? 12 : 20) + finer;
    return Math.scalb(1.0, Math.getExponent(Math.max(scale, Math.abs(x))) - below);
  }
}
