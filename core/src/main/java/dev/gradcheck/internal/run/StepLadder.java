package dev.gradcheck.internal.run;

import dev.gradcheck.internal.numeric.Estimate;
import dev.gradcheck.internal.numeric.Extrapolation;
import dev.gradcheck.internal.text.Numbers;

/**
 * What the ladder of central differences of one entry says about the function along it: its steps
 * ({@code h0 · 2^k} from {@link #REFINED_LARGEST} down to {@link #REFINED_SMALLEST}), their
 * extrapolation, and the patterns {@link EntryJudge} reads from them — smooth up to which step, a
 * kink, exactly flat, settled enough to accuse.
 */
final class StepLadder {

  /** The first estimate's steps: {@code 2h} and {@code h}. */
  static final int FIRST_LARGEST = 1;

  static final int FIRST_SMALLEST = 0;

  /** The refined estimate's steps: {@code 32h} down to {@code h/16}. */
  static final int REFINED_LARGEST = 5;

  static final int REFINED_SMALLEST = -4;

  /** Jumps between one-sided derivatives that shrink less than this per halving mark a kink. */
  static final double KINK_RATIO = 1.5;

  /**
   * The range of jump ratios per halving of a smooth function's step: 2 where {@code f''} dominates
   * the jump, up to 8 where {@code f''} vanishes and the {@code h³} term is left.
   */
  static final double SMOOTH_LOW = 1.5;

  static final double SMOOTH_HIGH = 9;

  /** Jumps that shrink at least this much per halving mark a smooth function (ideally 2). */
  static final double SMOOTH_RATIO = 1.7;

  /** An error estimate above this fraction of the derivative leaves no significant digit. */
  static final double UNRESOLVED = 0.25;

  private StepLadder() {}

  /**
   * Returns why a disagreement cannot be trusted, or an empty string when it can. A failure must
   * rest on a numeric derivative that has settled: an error estimate well below the values, a step
   * small enough that the one-sided derivatives nearly agree (a function that oscillates faster
   * than the step, like {@code sin(exp(x))} in float, never does), and central differences at the
   * finest steps that converge: each halving may change them by no more than their rounding error
   * plus the previous change, since truncation shrinks with the step (on a noisy, stepped or
   * aliased function they jump about instead).
   */
  static String unsettled(EntryProbe probe, Estimate refined, double scale, double analytic)
      throws Unresolvable {
    if (refined.error() > UNRESOLVED * scale) {
      return ("the numeric derivative does not settle: its error estimate %s is not small against"
              + " %s (a noisy or non-smooth function?)")
          .formatted(Numbers.error(refined.error()), Numbers.value(refined.value()));
    }
    CentralDifference finest = probe.at(REFINED_SMALLEST);
    // A jump within its own rounding (one side unchanged in float, the other one unit up) is no
    // sign of a function changing faster than the step.
    if (Math.abs(finest.jump()) > UNRESOLVED * scale && significant(finest)) {
      return "the function changes too fast for the smallest step %s: one-sided derivatives %s and %s still differ"
          .formatted(
              Numbers.error(finest.step()),
              Numbers.value(finest.left()),
              Numbers.value(finest.right()));
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
        return ("central differences at the finest steps do not converge: %s at step %s, %s at %s"
                + " (noisier than measured, or changing faster than the step)")
            .formatted(
                Numbers.value(middle.derivative()),
                Numbers.error(middle.step()),
                Numbers.value(fine.derivative()),
                Numbers.error(fine.step()));
      }
    }
    return "";
  }

  /**
   * How many times the spread of the finest central differences a disagreement must exceed for
   * their failure to converge not to matter.
   */
  static final double BEYOND_WOBBLE = 1e4;

  /**
   * Whether the analytic value lies so far from every one of the finest central differences that no
   * wobble among them could bring it within reach: the differences may jitter in their last digits
   * (rounding that is not quite noise), but a disagreement of {@code 1.0} against a spread of
   * {@code 1e-10} is a bug either way.
   */
  static boolean farBeyondWobble(EntryProbe probe, Estimate refined, double analytic)
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
  static boolean stepLargeAgainst(Declared parameter, EntryProbe probe) {
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
  static int smoothUpTo(EntryProbe probe) throws Unresolvable {
    for (int k = REFINED_SMALLEST + 3; k <= REFINED_LARGEST; k++) {
      CentralDifference larger = probe.at(k);
      CentralDifference smaller = probe.at(k - 1);
      if (significant(larger) && significant(smaller)) {
        double ratio = Math.abs(larger.jump() / smaller.jump());
        if (ratio < SMOOTH_LOW || ratio > SMOOTH_HIGH) {
          return k - 1;
        }
      } else if (Math.abs(larger.jump())
          > SMOOTH_HIGH * (Math.abs(smaller.jump()) + smaller.oneSidedRoundoff())
              + larger.oneSidedRoundoff()) {
        // A smooth function's jump grows at most ninefold in one halving of the step: from the
        // smaller step's jump, at most its own rounding off its true value, to no more than nine
        // times that, plus the larger step's own rounding. A larger jump is a kink between the
        // two steps (a piecewise-linear function's jump is rounding alone until a step crosses
        // a kink).
        return k - 1;
      }
    }
    return REFINED_LARGEST;
  }

  /** Whether two estimates agree within the sum of their errors. */
  static boolean consistent(Estimate a, Estimate b) {
    return Math.abs(a.value() - b.value()) <= a.error() + b.error();
  }

  /**
   * Whether the function is exactly flat along the entry: not one of the first estimate's four
   * evaluations differs from the value at the declared point.
   */
  static boolean flat(EntryProbe probe) throws Unresolvable {
    for (int k = FIRST_LARGEST; k >= FIRST_SMALLEST; k--) {
      CentralDifference c = probe.at(k);
      if (c.left() != 0 || c.right() != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The largest step up to which no step changed the value read (from the first estimate's smaller
   * step up), or zero when that one did: how far the function is exactly flat along the entry.
   */
  static double flatUpTo(EntryProbe probe) throws Unresolvable {
    double flat = 0;
    for (int k = FIRST_SMALLEST; k <= REFINED_LARGEST; k++) {
      CentralDifference c = probe.at(k);
      if (c.left() != 0 || c.right() != 0) {
        return flat;
      }
      flat = c.step();
    }
    return flat;
  }

  static Estimate extrapolate(EntryProbe probe, int largest, int smallest) throws Unresolvable {
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
  static boolean isKink(EntryProbe probe) throws Unresolvable {
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
  static boolean smoothBelow(EntryProbe probe) throws Unresolvable {
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

  static boolean significant(CentralDifference c) {
    return Math.abs(c.jump()) > 10 * c.oneSidedRoundoff();
  }
}
