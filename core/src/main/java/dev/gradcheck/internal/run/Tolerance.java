package dev.gradcheck.internal.run;

import dev.gradcheck.Precision;

/**
 * The largest disagreement between an analytic value and a numeric derivative that still passes.
 *
 * <p>By default it follows from the numeric derivative's own error estimate: {@link #SAFETY} times
 * the estimate, plus {@code sqrt(epsilon)} of the values' magnitude in the working precision: a
 * disagreement only in the second half of the digits is what the forward's own rounding, systematic
 * over a finite-difference step, produces in ill-conditioned code, and is never called a bug
 * ({@code 1.5e-8} in double, {@code 3.5e-4} in float). A user-set relative or absolute tolerance
 * replaces it: {@code atol + rtol * max(|analytic|, |numeric|)}.
 */
final class Tolerance {

  /**
   * How many error estimates a disagreement may reach. The estimates are already bounds (the larger
   * of two differences between extrapolation orders, and three standard deviations of noise), so a
   * small factor suffices.
   */
  static final double SAFETY = 2.0;

  private final Settings settings;
  private final double relativeFloor;
  private final double absoluteFloor;

  /**
   * @param settings the user's tolerances, if any
   * @param precision the working precision
   * @param gradientScale the largest magnitude of any analytic gradient entry of the check; a
   *     disagreement below {@code epsilon^(2/3)} of it (4e-11 in double) is below what central
   *     differences resolve anywhere in this gradient, and never called a bug
   */
  Tolerance(Settings settings, Precision precision, double gradientScale) {
    this(settings, precision, gradientScale, false);
  }

  /**
   * A tolerance for entries whose numeric side is a second difference of a loss: its inner
   * differences' truncation, smooth in the point, biases the outer ones by up to about {@code ∛ε}
   * relative (6e-6 in double) without showing in their error estimate, so that is the floor.
   */
  Tolerance(
      Settings settings, Precision precision, double gradientScale, boolean secondDifferences) {
    this.settings = settings;
    this.relativeFloor =
        secondDifferences ? Math.cbrt(precision.epsilon()) : Math.sqrt(precision.epsilon());
    this.absoluteFloor = Math.pow(precision.epsilon(), 2.0 / 3) * gradientScale;
  }

  /** The user's tolerance at a magnitude: {@code atol + rtol * magnitude}, unset ones 0. */
  static double user(Settings settings, double magnitude) {
    double atol = Double.isNaN(settings.absoluteTolerance()) ? 0 : settings.absoluteTolerance();
    double rtol = Double.isNaN(settings.relativeTolerance()) ? 0 : settings.relativeTolerance();
    return atol + rtol * magnitude;
  }

  /** Whether the user replaced the estimated tolerance. */
  boolean userSet() {
    return settings.userTolerance();
  }

  double allowed(double analytic, double numeric, double error) {
    double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
    if (settings.userTolerance()) {
      return user(settings, scale);
    }
    return SAFETY * error + relativeFloor * scale + absoluteFloor + Double.MIN_NORMAL;
  }
}
