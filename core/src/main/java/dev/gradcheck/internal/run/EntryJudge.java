package dev.gradcheck.internal.run;

import dev.gradcheck.EntryResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.numeric.Estimate;
import dev.gradcheck.internal.numeric.Extrapolation;
import dev.gradcheck.internal.report.Numbers;
import dev.gradcheck.internal.result.DefaultEntryResult;
import java.util.Optional;

/**
 * Decides one entry's verdict, spending evaluations only where needed.
 *
 * <p>First a cheap estimate: central differences at {@code 2h} and {@code h}, extrapolated (4
 * evaluations). Most correct entries pass here. An entry that does not, or whose estimate is too
 * coarse to mean much (typical in float), is refined with Ridders' extrapolation over steps from
 * {@code 32h} down to {@code h/16}, which also measures the one-sided derivatives: when they stay
 * apart as the step shrinks, the point is a kink and the analytic value must lie between them.
 * Otherwise the refined estimate decides between PASS, FAIL, and INCONCLUSIVE when the numeric
 * derivative has not even two significant digits.
 */
final class EntryJudge {

  private static final int FIRST_LARGEST = 1;
  private static final int FIRST_SMALLEST = 0;
  private static final int REFINED_LARGEST = 5;
  private static final int REFINED_SMALLEST = -4;

  /** Jumps between one-sided derivatives that shrink less than this per halving mark a kink. */
  private static final double KINK_RATIO = 1.5;

  /**
   * The range of jump ratios per halving of a smooth function's step: 2 where {@code f''} dominates
   * the jump, up to 8 where {@code f''} vanishes and the {@code h³} term is left.
   */
  private static final double SMOOTH_LOW = 1.5;

  private static final double SMOOTH_HIGH = 9;

  /** Jumps that shrink at least this much per halving mark a smooth function (ideally 2). */
  private static final double SMOOTH_RATIO = 1.7;

  /** How often an entry may be judged again with eight times smaller steps. */
  private static final int MAX_RETRIES = 4;

  /** An error estimate above this fraction of the derivative leaves no significant digit. */
  private static final double UNRESOLVED = 0.25;

  /** A pass must pin the entry to this fraction of its magnitude, or it proves nothing. */
  private static final double RESOLUTION = 0.1;

  /**
   * A first estimate must pin the entry to this fraction to pass at once; a coarser one is refined,
   * which in float (where noise limits the first estimate) finds small errors that the first
   * estimate's tolerance would let through.
   */
  private static final double FIRST_RESOLUTION = 1e-3;

  /**
   * Entries far smaller than the gradient's largest need only be pinned to this fraction of the
   * largest: a zero gradient entry checked to 1e-11 is verified, not inconclusive.
   */
  private static final double SCALE_FLOOR = 1e-3;

  private final Tolerance tolerance;
  private final double gradientScale;
  private final Optional<String> erratic;
  private final double coarseAbove;
  private final KinkJudge kinks;

  /**
   * @param tolerance the tolerance of the parameter's entries
   * @param gradientScale the largest magnitude of any analytic gradient entry of the check
   * @param erratic why the forward is too noisy to accuse a gradient, if it is
   * @param neighbourhood random points near the declared one, to sample around a kink
   * @param coarseAbove the resolution above which a pass is coarse: a first estimate that verifies
   *     less is refined
   */
  EntryJudge(
      Tolerance tolerance,
      double gradientScale,
      Optional<String> erratic,
      Neighbourhood neighbourhood,
      double coarseAbove) {
    this.coarseAbove = coarseAbove;
    this.tolerance = tolerance;
    this.kinks = new KinkJudge(tolerance, neighbourhood);
    this.gradientScale = gradientScale;
    this.erratic = erratic;
  }

  /**
   * Judges an entry. When a step leaves the function's domain (a non-finite value, such as the
   * square root of a variance of 1e-8 moved below zero), the whole ladder of steps is shrunk and
   * the entry judged again; only a function that stays non-finite at the smallest steps is
   * reported.
   */
  EntryResult judge(Declared parameter, int index, EntryProbe probe, double analytic)
      throws Unresolvable {
    int retries = 0;
    Unresolvable first = null;
    while (true) {
      try {
        Optional<EntryResult> result =
            judgeAtScale(parameter, index, probe, analytic, retries < MAX_RETRIES);
        if (result.isPresent()) {
          return result.get();
        }
        retries++;
        probe.shrink();
      } catch (Unresolvable e) {
        // A failure that persists down to the smallest steps is reported where it first happened,
        // at the usual step, not at the last, tiny one.
        first = first == null ? e : first;
        if (!e.outsideDomain() || !probe.shrink()) {
          if (first.thrown().isPresent()) {
            RuntimeException thrown = first.thrown().get();
            if (e != first && e.thrown().isPresent()) {
              thrown.addSuppressed(e.thrown().get());
            }
            throw thrown;
          }
          throw first;
        }
      }
    }
  }

  /**
   * Judges an entry at the probe's current scale of steps; returns empty when the evidence says the
   * steps are too large for this function (a refined estimate that only the large steps support, or
   * a kink that smaller steps would resolve as a steep smooth slope) and {@code mayRetry} allows
   * judging again with smaller steps.
   */
  private Optional<EntryResult> judgeAtScale(
      Declared parameter, int index, EntryProbe probe, double analytic, boolean mayRetry)
      throws Unresolvable {
    boolean retry = mayRetry && probe.canShrink();
    String label = probe.label();
    if (!Double.isFinite(probe.x())) {
      throw new Unresolvable(label + " is " + probe.x() + " and cannot be perturbed", null);
    }
    Estimate first = extrapolate(probe, FIRST_LARGEST, FIRST_SMALLEST);
    if (analytic == 0 && flat(probe)) {
      // Exact agreement on an exactly flat function (a dead ReLU, the flat side of a hinge): the
      // function did not change at all under any step, and the analytic value is zero.
      return Optional.of(
          result(
              parameter,
              index,
              probe,
              analytic,
              first,
              0,
              Double.NaN,
              Double.NaN,
              Verdict.PASS,
              "",
              Kink.NONE,
              true,
              0));
    }
    double allowed = tolerance.allowed(analytic, first.value(), first.error());
    double firstMagnitude = magnitude(probe, analytic, first.value());
    if (Math.abs(analytic - first.value()) <= allowed
        && pinned(allowed, first.error()) <= FIRST_RESOLUTION * firstMagnitude
        && verified(analytic, first, firstMagnitude) <= coarseAbove) {
      return Optional.of(
          result(
              parameter,
              index,
              probe,
              analytic,
              first,
              allowed,
              Double.NaN,
              Double.NaN,
              Verdict.PASS,
              "",
              Kink.NONE,
              false,
              verified(analytic, first, firstMagnitude)));
    }
    // Steps that cross a kink of the function nearby (another unit's ReLU, 0.05 away in float)
    // are no evidence: only the steps up to the first that breaks the smooth pattern count.
    int smoothUpTo = smoothUpTo(probe);
    Estimate refined = extrapolate(probe, smoothUpTo, REFINED_SMALLEST);
    Estimate fineSteps = extrapolate(probe, REFINED_SMALLEST + 2, REFINED_SMALLEST);
    boolean largeStepsUnreliable = smoothUpTo < REFINED_LARGEST || !consistent(refined, fineSteps);
    if (largeStepsUnreliable) {
      // The large steps are not in the asymptotic regime: they alias an oscillation, or cross a
      // kink that the finest steps do not reach. Trust the steps from h down, or only the finest.
      if (!consistent(refined, fineSteps)) {
        Estimate middle =
            extrapolate(probe, Math.min(FIRST_SMALLEST, smoothUpTo), REFINED_SMALLEST);
        refined = consistent(middle, fineSteps) ? middle : fineSteps;
      }
    }
    CentralDifference finest = probe.at(REFINED_SMALLEST);
    CentralDifference fine = probe.at(REFINED_SMALLEST + 1);
    if (isKink(probe)) {
      if (retry && smoothBelow(probe)) {
        return Optional.empty(); // a slope steeper than the steps, not a kink: look closer
      }
      return Optional.of(kinks.judge(parameter, index, probe, analytic, finest, fine));
    }
    allowed = tolerance.allowed(analytic, refined.value(), refined.error());
    double scale = Math.max(Math.abs(analytic), Math.abs(refined.value()));
    double magnitude = magnitude(probe, analytic, refined.value());
    Verdict verdict;
    String note = "";
    if (Math.abs(analytic - refined.value()) <= allowed) {
      if (pinned(allowed, refined.error()) <= RESOLUTION * magnitude) {
        verdict = Verdict.PASS;
      } else {
        verdict = Verdict.INCONCLUSIVE;
        note =
            "agrees, but only within "
                + Numbers.error(allowed)
                + ": the numeric derivative cannot resolve an entry this small against the"
                + " function's rounding noise";
      }
    } else {
      note = erratic.orElse(unsettled(probe, refined, scale, analytic));
      verdict = note.isEmpty() ? Verdict.FAIL : Verdict.INCONCLUSIVE;
      if (verdict == Verdict.FAIL && largeStepsUnreliable && retry) {
        return Optional.empty(); // the function changes on a scale below the steps: look closer
      }
    }
    if (verdict == Verdict.INCONCLUSIVE && stepLargeAgainst(parameter, probe)) {
      // The cause is the step, not the forward: say what to do about it.
      note =
          ("the steps (up to %s) are large against this entry (%s): declare its scale, as in"
                  + " param(\"%s\", values, gradient, Param.scale(%s))")
              .formatted(
                  Numbers.error(probe.largestStep()),
                  Numbers.value(probe.x()),
                  parameter.name(),
                  Numbers.error(Math.abs(probe.x())));
    }
    return Optional.of(
        result(
            parameter,
            index,
            probe,
            analytic,
            refined,
            allowed,
            finest.left(),
            finest.right(),
            verdict,
            note,
            Kink.NONE,
            false,
            verified(analytic, refined, magnitude)));
  }

  /**
   * Returns why a disagreement cannot be trusted, or an empty string when it can. A failure must
   * rest on a numeric derivative that has settled: an error estimate well below the values, a step
   * small enough that the one-sided derivatives nearly agree (a function that oscillates faster
   * than the step, like {@code sin(exp(x))} in float, never does), and central differences at the
   * finest steps that converge: each halving may change them by no more than their rounding error
   * plus the previous change, since truncation shrinks with the step (on a noisy, stepped or
   * aliased function they jump about instead).
   */
  private static String unsettled(EntryProbe probe, Estimate refined, double scale, double analytic)
      throws Unresolvable {
    if (refined.error() > UNRESOLVED * scale) {
      return "the numeric derivative does not settle: its error estimate "
          + Numbers.error(refined.error())
          + " is not small against "
          + Numbers.value(refined.value())
          + " (a noisy or non-smooth function?)";
    }
    CentralDifference finest = probe.at(REFINED_SMALLEST);
    if (Math.abs(finest.jump()) > UNRESOLVED * scale) {
      return "the function changes too fast for the smallest step "
          + Numbers.error(finest.step())
          + ": one-sided derivatives "
          + Numbers.value(finest.left())
          + " and "
          + Numbers.value(finest.right())
          + " still differ";
    }
    if (farBeyondWobble(probe, refined, analytic)) {
      return ""; // a wobble in the last digits cannot explain a disagreement in the first ones
    }
    for (int k = REFINED_SMALLEST + 2; k > REFINED_SMALLEST; k--) {
      CentralDifference coarse = probe.at(k + 1);
      CentralDifference middle = probe.at(k);
      CentralDifference fine = probe.at(k - 1);
      double step = Math.abs(middle.derivative() - fine.derivative());
      double expected =
          Tolerance.SAFETY * (middle.roundoff() + fine.roundoff())
              + Math.abs(coarse.derivative() - middle.derivative());
      if (step > expected) {
        return "central differences at the finest steps do not converge: "
            + Numbers.value(middle.derivative())
            + " at step "
            + Numbers.error(middle.step())
            + ", "
            + Numbers.value(fine.derivative())
            + " at "
            + Numbers.error(fine.step())
            + " (noisier than measured, or changing faster than the step)";
      }
    }
    return "";
  }

  /**
   * How many times the spread of the finest central differences a disagreement must exceed for
   * their failure to converge not to matter.
   */
  private static final double BEYOND_WOBBLE = 1e4;

  /**
   * Whether the analytic value lies so far from every one of the finest central differences that no
   * wobble among them could bring it within reach: the differences may jitter in their last digits
   * (rounding that is not quite noise), but a disagreement of {@code 1.0} against a spread of
   * {@code 1e-10} is a bug either way.
   */
  private static boolean farBeyondWobble(EntryProbe probe, Estimate refined, double analytic)
      throws Unresolvable {
    double spread = refined.error();
    for (int k = REFINED_SMALLEST; k <= REFINED_SMALLEST + 3; k++) {
      spread = Math.max(spread, Math.abs(probe.at(k).derivative() - refined.value()));
    }
    return Math.abs(analytic - refined.value()) > BEYOND_WOBBLE * spread;
  }

  /**
   * Whether the refinement ladder's steps exceed an entry of undeclared scale: a parameter of
   * magnitude 1e-8 perturbed by steps sized for magnitude 1.
   */
  private static boolean stepLargeAgainst(Declared parameter, EntryProbe probe) {
    return !parameter.scaleDeclared()
        && probe.x() != 0
        && Double.isFinite(probe.x())
        && Math.abs(probe.x()) < probe.largestStep();
  }

  /**
   * The largest step exponent up to which the central differences behave as a smooth function's:
   * the jump between one-sided derivatives, {@code h f''} for a smooth function, halves with each
   * halving of the step (or falls eightfold where {@code f''} vanishes). A step that crosses a kink
   * nearby makes it jump instead. Jumps lost in rounding say nothing and pass.
   */
  private static int smoothUpTo(EntryProbe probe) throws Unresolvable {
    for (int k = REFINED_SMALLEST + 3; k <= REFINED_LARGEST; k++) {
      CentralDifference larger = probe.at(k);
      CentralDifference smaller = probe.at(k - 1);
      if (significant(larger) && significant(smaller)) {
        double ratio = Math.abs(larger.jump() / smaller.jump());
        if (ratio < SMOOTH_LOW || ratio > SMOOTH_HIGH) {
          return k - 1;
        }
      } else if (Math.abs(larger.jump()) > SMOOTH_HIGH * 10 * smaller.oneSidedRoundoff()) {
        // A jump far larger than the next step's rounding allows a smooth function to grow
        // in one halving: a kink between the two steps.
        return k - 1;
      }
    }
    return REFINED_LARGEST;
  }

  /** Whether two estimates agree within the sum of their errors. */
  private static boolean consistent(Estimate a, Estimate b) {
    return Math.abs(a.value() - b.value()) <= a.error() + b.error();
  }

  /**
   * Whether the function is exactly flat along the entry: not one of the first estimate's four
   * evaluations differs from the value at the declared point.
   */
  private static boolean flat(EntryProbe probe) throws Unresolvable {
    for (int k = FIRST_LARGEST; k >= FIRST_SMALLEST; k--) {
      CentralDifference c = probe.at(k);
      if (c.left() != 0 || c.right() != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The magnitude an entry's resolution is relative to: its own, but at least a small fraction of
   * the gradient's largest entry, so that a near-zero entry checked to 1e-11 counts as pinned.
   */
  private double magnitude(EntryProbe probe, double analytic, double numeric) throws Unresolvable {
    double magnitude =
        Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), SCALE_FLOOR * gradientScale);
    if (gradientScale == 0) {
      // A gradient that is zero everywhere (a stationary point) is verified when the function
      // visibly responds to the step, even though the response is only of second order.
      CentralDifference base = probe.at(FIRST_SMALLEST);
      magnitude = Math.max(magnitude, Math.max(Math.abs(base.left()), Math.abs(base.right())));
    }
    return magnitude;
  }

  /**
   * How closely an agreement within {@code allowed} pins the entry. A user's tolerance says how
   * close is close enough; whether the numerics resolve the entry is then a question of the numeric
   * derivative's own error.
   */
  private double pinned(double allowed, double error) {
    return tolerance.userSet() ? Tolerance.SAFETY * error : allowed;
  }

  /**
   * The relative resolution a pass verified: the analytic value lies within {@code |analytic -
   * numeric| + error} of the true derivative, over the entry's magnitude.
   */
  private static double verified(double analytic, Estimate numeric, double magnitude) {
    double bound = Math.abs(analytic - numeric.value()) + numeric.error();
    return magnitude == 0 ? Double.POSITIVE_INFINITY : bound / magnitude;
  }

  private static Estimate extrapolate(EntryProbe probe, int largest, int smallest)
      throws Unresolvable {
    Extrapolation extrapolation = new Extrapolation();
    for (int k = largest; k >= smallest; k--) {
      CentralDifference c = probe.at(k);
      extrapolation.add(c.step(), c.derivative(), c.roundoff());
    }
    return extrapolation.best();
  }

  /**
   * A kink shows as one-sided derivatives whose difference stays put as the step halves, where a
   * smooth function's difference halves with it ({@code h f''}).
   */
  private static boolean isKink(EntryProbe probe) throws Unresolvable {
    for (int k = REFINED_SMALLEST + 2; k > REFINED_SMALLEST; k--) {
      CentralDifference larger = probe.at(k);
      CentralDifference smaller = probe.at(k - 1);
      if (!significant(larger) || !significant(smaller)) {
        return false;
      }
      double ratio = Math.abs(larger.jump() / smaller.jump());
      if (ratio > KINK_RATIO || ratio < 1 / KINK_RATIO) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether, far below the ladder's smallest steps, the one-sided derivatives draw together as a
   * smooth function's do ({@code h f''} halving with the step), rather than staying apart.
   */
  private static boolean smoothBelow(EntryProbe probe) throws Unresolvable {
    for (int k = REFINED_SMALLEST - 6; k > REFINED_SMALLEST - 8; k--) {
      CentralDifference larger = probe.at(k);
      CentralDifference smaller = probe.at(k - 1);
      if (!significant(larger) || !significant(smaller)) {
        return false;
      }
      double ratio = Math.abs(larger.jump() / smaller.jump());
      if (ratio < SMOOTH_RATIO) {
        return false;
      }
    }
    return true;
  }

  private static boolean significant(CentralDifference c) {
    return Math.abs(c.jump()) > 10 * c.oneSidedRoundoff();
  }

  static EntryResult result(
      Declared parameter,
      int index,
      EntryProbe probe,
      double analytic,
      Estimate numeric,
      double allowed,
      double left,
      double right,
      Verdict verdict,
      String note,
      Kink kink,
      boolean flat,
      double resolution) {
    return new DefaultEntryResult(
        parameter.name(),
        index,
        probe.output(),
        probe.label(),
        analytic,
        numeric.value(),
        numeric.error(),
        allowed,
        left,
        right,
        verdict,
        note,
        probe.x(),
        kink == Kink.AT,
        flat,
        resolution);
  }

  /** Whether an entry's function has a kink there. */
  enum Kink {
    NONE,
    AT
  }
}
