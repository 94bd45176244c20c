package dev.gradcheck.samples.realistic;

import java.util.Locale;

/**
 * How big a planted bug really is at one point: the largest relative error of a buggy entry against
 * the correct one, and the largest absolute error as a fraction of the largest correct entry,
 * measured on the first backward call only.
 *
 * <p>The relative error of an entry is taken against the larger of the entry and 1e-3 of the
 * largest entry, so that an entry rounding to zero next to large ones does not count as a bug of
 * any size.
 */
final class BugSize {

  private double maxRelative;
  private double maxAbsolute;
  private int calls;
  private int offset;
  private String worst = "";

  /** Whether this is the first backward call: only that one is measured. */
  boolean first() {
    return calls++ == 0;
  }

  /** Adds a parameter's gradient, correct and buggy, flattened in the same order. */
  void compare(double[] correct, double[] buggy) {
    double m = 0;
    for (double x : correct) {
      m = Math.max(m, Math.abs(x));
    }
    for (int i = 0; i < correct.length; i++) {
      double den = Math.max(Math.abs(correct[i]), 1e-3 * m);
      double r =
          den == 0
              ? (buggy[i] == correct[i] ? 0 : Double.POSITIVE_INFINITY)
              : Math.abs(buggy[i] - correct[i]) / den;
      if (Double.isNaN(buggy[i]) && !Double.isNaN(correct[i])) {
        r = Double.POSITIVE_INFINITY;
      }
      if (m > 0) {
        maxAbsolute = Math.max(maxAbsolute, Math.abs(buggy[i] - correct[i]) / m);
      } else if (buggy[i] != correct[i]) {
        maxAbsolute = Double.POSITIVE_INFINITY;
      }
      if (r > maxRelative) {
        maxRelative = r;
        worst =
            String.format(
                Locale.ROOT,
                "flat#%d correct=%.6g buggy=%.6g maxAbs=%.3g",
                offset + i,
                correct[i],
                buggy[i],
                m);
      }
    }
    offset += correct.length;
  }

  /** Adds a {@code float} parameter's gradient. */
  void compare(float[] correct, float[] buggy) {
    compare(Draw.toDouble(correct), Draw.toDouble(buggy));
  }

  /**
   * Whether the bug is genuine: a relative error of at least 1e-4 (double) or 1e-2 (float) on some
   * entry, and an absolute error of at least 1e-6 (double) or 1e-3 (float) of the largest entry.
   */
  boolean isGenuine(boolean isFloat) {
    return maxRelative >= (isFloat ? 1e-2 : 1e-4) && maxAbsolute >= (isFloat ? 1e-3 : 1e-6);
  }

  /** The largest relative error, its entry and its absolute error, for a message. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "maxRel %.2e absNorm %.2e %s", maxRelative, maxAbsolute, worst);
  }
}
