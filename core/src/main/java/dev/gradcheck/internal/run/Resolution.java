package dev.gradcheck.internal.run;

import dev.gradcheck.Precision;

/**
 * The default resolution of a verified entry: a pass that bounds the analytic value's relative
 * error ({@code |analytic - numeric| + error} over its magnitude) only more coarsely than this
 * agrees, but is too coarse to count as verified.
 */
final class Resolution {

  /**
   * Double. Measured over 1,000 random smooth functions (GradientPropertyTests prints it): passes
   * are verified to a median 1.4e-10 and at most 1.6e-5, so a coarser pass means the numerics were
   * disturbed (a noisy forward widens every error estimate).
   */
  static final double DOUBLE = 1e-4;

  /**
   * Float. Measured likewise: a median 5e-4, 99.9% within 5.6e-2 and at most 6.6e-2; float rounding
   * leaves no more room than this below the 1e-1 a pass needs at all.
   */
  static final double FLOAT = 5e-2;

  /**
   * Double, for a Hessian from the loss alone (second differences of the loss): measured over 3,000
   * random smooth functions (HessianPropertyTests prints it), passes are verified to a median
   * 7.5e-7, 99% within 4.3e-4 and at most 4e-2.
   */
  static final double DOUBLE_SECOND_DIFFERENCES = 1e-2;

  private Resolution() {}

  /**
   * The resolution above which a pass is coarse, for an objective whose numeric side is coarser by
   * construction (second differences of a loss).
   */
  static double coarseAbove(Precision precision, Settings settings, Objective objective) {
    double coarse = coarseAbove(precision, settings);
    return objective.secondDifferences() && precision != Precision.FLOAT
        ? Math.max(coarse, DOUBLE_SECOND_DIFFERENCES)
        : coarse;
  }

  /**
   * The resolution above which a pass is coarse; none under a user's tolerance, which itself says
   * how close is close enough.
   */
  static double coarseAbove(Precision precision, Settings settings) {
    if (settings.userTolerance()) {
      return Double.POSITIVE_INFINITY;
    }
    return precision == Precision.FLOAT ? FLOAT : DOUBLE;
  }
}
