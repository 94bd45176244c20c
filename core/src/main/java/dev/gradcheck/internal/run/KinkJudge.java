package dev.gradcheck.internal.run;

import dev.gradcheck.EntryResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.numeric.Estimate;
import dev.gradcheck.internal.text.Numbers;

/**
 * The verdict of an entry at a kink: its one-sided derivatives stay apart, and the analytic value
 * must lie between them, or, where several kinks meet (ties in overlapping max-pool windows), among
 * the derivatives seen at nearby points.
 */
final class KinkJudge {

  /** Random nearby points sampled where an analytic value lies outside a kink's sides. */
  private final Tolerance tolerance;

  private final Neighbourhood neighbourhood;

  KinkJudge(Tolerance tolerance, Neighbourhood neighbourhood) {
    this.tolerance = tolerance;
    this.neighbourhood = neighbourhood;
  }

  EntryResult judge(
      Declared parameter,
      int index,
      EntryProbe probe,
      double analytic,
      CentralDifference small,
      CentralDifference smaller) {
    double low = Math.min(small.left(), small.right());
    double high = Math.max(small.left(), small.right());
    double truncation =
        Math.max(
            Math.abs(small.right() - smaller.right()), Math.abs(small.left() - smaller.left()));
    double centre = (low + high) / 2;
    double halfWidth = (high - low) / 2;
    double slack = tolerance.allowed(analytic, centre, truncation + small.oneSidedRoundoff());
    double allowed = halfWidth + slack;
    String sides =
        "kink: one-sided derivatives %s (left) and %s (right)"
            .formatted(Numbers.value(small.left()), Numbers.value(small.right()));
    Verdict verdict = Verdict.KINK;
    String note = sides;
    double resolution = Double.NaN;
    if (Math.abs(analytic - centre) > allowed) {
      // Outside the one-sided derivatives: wrong at a single kink, but where several kinks meet
      // (ties in overlapping max-pool windows) a valid subgradient is the derivative of a nearby
      // region, which may lie outside them. Sample the derivatives around the point.
      double[] near = nearby(probe, low, high);
      double nearLow = near[0];
      double nearHigh = near[1];
      boolean severalKinks = nearLow < low - slack || nearHigh > high + slack;
      if (!severalKinks) {
        verdict = Verdict.FAIL;
        note = sides + "; the analytic value lies outside them";
      } else if (analytic >= nearLow - slack && analytic <= nearHigh + slack) {
        note =
            ("%s; several kinks meet here, and the analytic value is a derivative seen at nearby"
                    + " points, which range from %s to %s")
                .formatted(sides, Numbers.value(nearLow), Numbers.value(nearHigh));
        centre = (nearLow + nearHigh) / 2;
        halfWidth = (nearHigh - nearLow) / 2;
        allowed = halfWidth + slack;
      } else {
        verdict = Verdict.INCONCLUSIVE;
        note =
            ("%s; several kinks meet here, and the analytic value lies outside the derivatives"
                    + " seen at nearby points (%s to %s), though not every nearby region may have"
                    + " been sampled")
                .formatted(sides, Numbers.value(nearLow), Numbers.value(nearHigh));
      }
    }
    return EntryJudge.result(
        parameter,
        index,
        probe,
        analytic,
        new Estimate(centre, halfWidth),
        allowed,
        small.left(),
        small.right(),
        verdict,
        note,
        EntryJudge.Kink.AT,
        false,
        resolution);
  }

  /**
   * The lowest and highest derivative seen at points sampled around the kink, and on its two sides.
   */
  private double[] nearby(EntryProbe probe, double low, double high) {
    double nearLow = low;
    double nearHigh = high;
    for (int i = 0; i < Neighbourhood.SAMPLES; i++) {
      double d = probe.derivativeNearby(neighbourhood, i);
      if (!Double.isNaN(d)) {
        nearLow = Math.min(nearLow, d);
        nearHigh = Math.max(nearHigh, d);
      }
    }
    return new double[] {nearLow, nearHigh};
  }
}
