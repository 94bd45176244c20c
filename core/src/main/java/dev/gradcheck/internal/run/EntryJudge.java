package dev.gradcheck.internal.run;

import dev.gradcheck.EntryResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.numeric.Estimate;
import dev.gradcheck.internal.result.DefaultEntryResult;
import dev.gradcheck.internal.text.Numbers;
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
 *
 * <p>(What the ladder of steps says is {@link StepLadder}'s, kinks are {@link KinkJudge}'s. The
 * length left is the stages above, one short method each, and the reasons for their thresholds.)
 */
final class EntryJudge {

  /** How often an entry may be judged again with eight times smaller steps. */
  private static final int MAX_RETRIES = 4;

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

  /** A change below this many units of rounding may be lost in it. */
  private static final double VISIBLE_ULPS = 16;

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
    if (!Double.isFinite(probe.x())) {
      throw new Unresolvable(
          "%s is %s and cannot be perturbed".formatted(probe.label(), Numbers.exact(probe.x())),
          null);
    }
    Optional<EntryResult> atOnce = atOnce(parameter, index, probe, analytic);
    if (atOnce.isPresent()) {
      return atOnce;
    }
    Refined refined = refine(probe);
    CentralDifference finest = probe.at(StepLadder.REFINED_SMALLEST);
    CentralDifference fine = probe.at(StepLadder.REFINED_SMALLEST + 1);
    if (StepLadder.isKink(probe)) {
      if (retry && StepLadder.smoothBelow(probe)) {
        return Optional.empty(); // a slope steeper than the steps, not a kink: look closer
      }
      return Optional.of(kinks.judge(parameter, index, probe, analytic, finest, fine));
    }
    return judgeRefined(parameter, index, probe, analytic, refined, finest, retry);
  }

  /**
   * The first estimate's verdict when it needs no refining: an exactly flat function with a zero
   * analytic value, or a pass pinned well enough.
   */
  private Optional<EntryResult> atOnce(
      Declared parameter, int index, EntryProbe probe, double analytic) throws Unresolvable {
    Estimate first =
        StepLadder.extrapolate(probe, StepLadder.FIRST_LARGEST, StepLadder.FIRST_SMALLEST);
    if (analytic == 0 && StepLadder.flat(probe)) {
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
    double magnitude = magnitude(probe, analytic, first.value());
    double verified = verified(analytic, first, magnitude);
    if (Math.abs(analytic - first.value()) <= allowed
        && pinned(allowed, first.error()) <= FIRST_RESOLUTION * magnitude
        && verified <= coarseAbove) {
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
              verified));
    }
    return Optional.empty();
  }

  /**
   * Whether an analytic derivative would move the value by less than its rounding at the largest
   * step that left it unchanged: a loss that rounds to the same value everywhere ({@code log(1 +
   * e^-40)}, exactly 0) says nothing of a derivative of 1e-18. The rounding is the value's own, and
   * at least that of a value of order one: a value far smaller than the ones it is computed from
   * ({@code 50 + log(1 + e^-60) - 50}, 3.6e-15 on 50's grid) rounds at theirs, which no evaluation
   * shows when nothing changes. Only that much: a larger scale (the parameter's largest entry, say)
   * would excuse a gradient written for an entry the loss does not read.
   */
  private static boolean belowRounding(EntryProbe probe, double analytic) throws Unresolvable {
    double scale = Math.max(1, Math.abs(probe.f0()));
    return Math.abs(analytic) * StepLadder.flatUpTo(probe) < VISIBLE_ULPS * probe.epsilon() * scale;
  }

  private static String roundedAway(EntryProbe probe, double analytic) throws Unresolvable {
    double flat = StepLadder.flatUpTo(probe);
    return ("the %s did not change at any step up to %s (it is %s here): a derivative of %s"
            + " would move it by %s, below what its rounding shows, so nothing is verified either"
            + " way")
        .formatted(
            probe.output() == EntryProbe.SCALAR ? "value" : "output entry",
            Numbers.error(flat),
            Numbers.value(probe.f0()),
            Numbers.value(analytic),
            Numbers.error(Math.abs(analytic) * flat));
  }

  /** The refined estimate, and whether the large steps had to be left out of it. */
  private record Refined(Estimate estimate, boolean largeStepsUnreliable) {}

  private static Refined refine(EntryProbe probe) throws Unresolvable {
    // Steps that cross a kink of the function nearby (another unit's ReLU, 0.05 away in float)
    // are no evidence: only the steps up to the first that breaks the smooth pattern count.
    int smoothUpTo = StepLadder.smoothUpTo(probe);
    Estimate refined = StepLadder.extrapolate(probe, smoothUpTo, StepLadder.REFINED_SMALLEST);
    Estimate fineSteps =
        StepLadder.extrapolate(probe, StepLadder.REFINED_SMALLEST + 2, StepLadder.REFINED_SMALLEST);
    Estimate middle =
        StepLadder.extrapolate(
            probe, Math.min(StepLadder.FIRST_SMALLEST, smoothUpTo), StepLadder.REFINED_SMALLEST);
    // The steps from h down must agree too: in float the finest steps' rounding is so wide that
    // large steps across another unit's kink agree with them, while h's do not.
    boolean consistent =
        StepLadder.consistent(refined, fineSteps) && StepLadder.consistent(refined, middle);
    if (!consistent) {
      // The large steps are not in the asymptotic regime: they alias an oscillation, or cross a
      // kink that the finest steps do not reach. Trust the steps from h down, or only the finest.
      refined = StepLadder.consistent(middle, fineSteps) ? middle : fineSteps;
    }
    return new Refined(refined, smoothUpTo < StepLadder.REFINED_LARGEST || !consistent);
  }

  /**
   * The verdict of a smooth entry on its refined estimate; empty when it fails only on steps that
   * may be too large, and smaller ones may be tried.
   */
  private Optional<EntryResult> judgeRefined(
      Declared parameter,
      int index,
      EntryProbe probe,
      double analytic,
      Refined refined,
      CentralDifference finest,
      boolean retry)
      throws Unresolvable {
    Estimate numeric = refined.estimate();
    double allowed = tolerance.allowed(analytic, numeric.value(), numeric.error());
    double magnitude = magnitude(probe, analytic, numeric.value());
    Verdict verdict;
    String note = "";
    if (Math.abs(analytic - numeric.value()) <= allowed) {
      if (pinned(allowed, numeric.error()) <= RESOLUTION * magnitude) {
        verdict = Verdict.PASS;
      } else {
        verdict = Verdict.INCONCLUSIVE;
        note =
            ("agrees, but only within %s: the numeric derivative cannot resolve an entry this"
                    + " small against the function's rounding noise")
                .formatted(Numbers.error(allowed));
      }
    } else {
      double scale = Math.max(Math.abs(analytic), Math.abs(numeric.value()));
      note = erratic.orElse(StepLadder.unsettled(probe, numeric, scale, analytic));
      if (note.isEmpty()
          && numeric.value() == 0
          && StepLadder.flat(probe)
          && belowRounding(probe, analytic)) {
        note = roundedAway(probe, analytic);
      }
      verdict = note.isEmpty() ? Verdict.FAIL : Verdict.INCONCLUSIVE;
      if (verdict == Verdict.FAIL && refined.largeStepsUnreliable() && retry) {
        return Optional.empty(); // the function changes on a scale below the steps: look closer
      }
    }
    if (verdict == Verdict.INCONCLUSIVE && StepLadder.stepLargeAgainst(parameter, probe)) {
      note = stepTooLarge(parameter, probe); // the cause is the step, not the forward
    }
    return Optional.of(
        result(
            parameter,
            index,
            probe,
            analytic,
            numeric,
            allowed,
            finest.left(),
            finest.right(),
            verdict,
            note,
            Kink.NONE,
            false,
            verified(analytic, numeric, magnitude)));
  }

  /** What to do about steps too large for an entry: declare its scale. */
  private static String stepTooLarge(Declared parameter, EntryProbe probe) {
    return ("the steps (up to %s) are large against this entry (%s): declare its scale, as in"
            + " param(\"%s\", values, gradient, Param.scale(%s))")
        .formatted(
            Numbers.error(probe.largestStep()),
            Numbers.value(probe.x()),
            parameter.name(),
            Numbers.error(Math.abs(probe.x())));
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
      CentralDifference base = probe.at(StepLadder.FIRST_SMALLEST);
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
