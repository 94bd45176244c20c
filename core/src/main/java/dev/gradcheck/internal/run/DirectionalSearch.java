package dev.gradcheck.internal.run;

import dev.gradcheck.EntryResult;
import dev.gradcheck.Precision;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.numeric.Estimate;
import dev.gradcheck.internal.numeric.Extrapolation;
import dev.gradcheck.internal.numeric.StepSize;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Checks a large parameter along random directions and finds its wrong entries by group testing.
 *
 * <p>Along a direction {@code v} that moves every entry {@code i} by {@code ±t·s_i} ({@code s_i} a
 * power of two near {@code max(1, |x_i|)}), the numeric directional derivative must equal {@code Σ
 * g_i v_i}, computed from the displacements the storage actually holds. A wrong entry shows as a
 * disagreement; splitting the direction's entries in halves and checking each half finds it in
 * about {@code 8 log2(n)} evaluations. Entries in a disagreeing group of one are judged on their
 * own, with the full per-entry procedure; a failed entry's analytic value is then replaced by its
 * numeric one, so the next direction looks for other bugs. Two directions with independent signs
 * make a cancellation between wrong entries unlikely.
 */
final class DirectionalSearch {

  private static final int DIRECTIONS = 2;

  /** Entries judged on their own per parameter, at most: kinks and ties may need many. */
  private static final int MAX_ALONE = 256;

  /** Failing entries judged on their own per parameter, at most; enough to show a bug's pattern. */
  private static final int MAX_FAILING = 32;

  /**
   * An agreeing direction whose error estimate exceeds this fraction of its mean term's magnitude
   * is refined: below it, a typical entry off by 1e-6 relative would still show.
   */
  private static final double SENSITIVITY = 1e-6;

  private final Objective objective;
  private final Perturbation perturbation;
  private final int p;
  private final double[] gradient;
  private final double f0;
  private final double sigma;
  private final double epsilon;
  private final Settings settings;
  private final SplittableRandom random;
  private final LongSupplier evaluations;
  private final IntFunction<EntryResult> alone;
  private final double[] scale;
  private final double step;

  DirectionalSearch(
      Objective objective,
      Perturbation perturbation,
      int p,
      double[] analytic,
      double f0,
      double sigma,
      Precision precision,
      Settings settings,
      SplittableRandom random,
      IntFunction<EntryResult> alone) {
    this.objective = objective;
    this.perturbation = perturbation;
    this.p = p;
    Declared parameter = perturbation.parameter(p);
    this.gradient = analytic.clone();
    this.f0 = f0;
    this.sigma = sigma;
    this.epsilon = precision.epsilon();
    this.settings = settings;
    this.random = random;
    this.evaluations = objective::evaluations;
    this.alone = alone;
    this.scale = new double[gradient.length];
    for (int i = 0; i < scale.length; i++) {
      double x = perturbation.declared(p, i);
      // A power of two near max(scale, |x|): the entry's own step, relative to the base step.
      scale[i] =
          Double.isFinite(x)
              ? Math.scalb(1.0, Math.getExponent(Math.max(parameter.stepScale(), Math.abs(x))))
              : 0;
    }
    this.step = StepSize.central(0, parameter.values().precision());
  }

  /**
   * The entries judged on their own, how many others the directions covered, and how many were left
   * unresolved when the search stopped at its limit.
   */
  record Outcome(List<EntryResult> entries, int covered, int unresolved) {}

  Outcome run() {
    int n = gradient.length;
    EntryResult[] judged = new EntryResult[n];
    int[] agreed = new int[n];
    int alones = 0;
    int failing = 0;
    for (int d = 0; d < DIRECTIONS; d++) {
      double[] sign = new double[n];
      for (int i = 0; i < n; i++) {
        sign[i] = random.nextBoolean() ? 1 : -1;
      }
      Deque<int[]> groups = new ArrayDeque<>();
      groups.push(new int[] {0, n});
      while (!groups.isEmpty()) {
        int[] g = groups.pop();
        int from = g[0];
        int to = g[1];
        if (evaluations.getAsLong() >= settings.maxEvaluations()) {
          break;
        }
        if (to - from == 1 && judged[from] == null) {
          if (alones == MAX_ALONE || failing == MAX_FAILING) {
            // Enough entries judged alone; what is left of this parameter stays unresolved, as
            // searching on would cost evaluations in proportion to its size.
            return outcome(judged, agreed, true);
          }
          alones++;
          EntryResult result = alone.apply(from);
          judged[from] = result;
          if (result.verdict() == Verdict.FAIL) {
            failing++;
          }
          // A judged entry stays still in later directions: its verdict is known, and a kink or
          // a known bug in it must not make every group around it disagree.
          scale[from] = 0;
          continue;
        }
        if (to - from == 1) {
          continue; // judged already
        }
        if (agrees(sign, from, to)) {
          for (int i = from; i < to; i++) {
            agreed[i]++;
          }
        } else if (to - from > 1) {
          int mid = (from + to) >>> 1;
          groups.push(new int[] {mid, to});
          groups.push(new int[] {from, mid});
        }
      }
    }
    return outcome(judged, agreed, false);
  }

  private static Outcome outcome(EntryResult[] judged, int[] agreed, boolean stopped) {
    List<EntryResult> entries = new ArrayList<>();
    int covered = 0;
    for (int i = 0; i < judged.length; i++) {
      if (judged[i] != null) {
        entries.add(judged[i]);
      } else if (agreed[i] == DIRECTIONS) {
        covered++;
      }
    }
    int unresolved = stopped ? judged.length - entries.size() - covered : 0;
    return new Outcome(entries, covered, unresolved);
  }

  /**
   * Whether the numeric directional derivative along the signed entries {@code [from, to)} agrees
   * with the analytic one, Richardson-extrapolated from steps {@code 2t} and {@code t}.
   */
  private boolean agrees(double[] sign, int from, int to) {
    double[] big = along(sign, from, to, 2 * step);
    double[] small = along(sign, from, to, step);
    if (big == null || small == null) {
      return false;
    }
    double numeric = small[0] + (small[0] - big[0]) / 3;
    double analytic = (4 * small[1] - big[1]) / 3;
    double error = 4.0 / 3 * Math.abs(small[0] - big[0]) + 2 * small[2];
    if (Math.abs(numeric - analytic) > allowed(numeric, analytic, error, small[3])) {
      return false;
    }
    if (settings.userTolerance() || error <= SENSITIVITY * small[3] / (to - from)) {
      return true;
    }
    // Agreement, but only within an error too large to see one entry's bug among many (the
    // rounding of a long sum over a small step): refine with Ridders over steps up to 1024 t,
    // which beat the rounding, and decide again.
    Extrapolation ladder = new Extrapolation();
    for (int k = 10; k >= 0; k--) {
      double[] row = along(sign, from, to, Math.scalb(step, k));
      if (row == null) {
        return true; // the larger steps leave the domain: keep the first answer
      }
      ladder.add(Math.scalb(step, k), row[0], row[2]);
    }
    Estimate refined = ladder.best();
    return Math.abs(refined.value() - small[1])
        <= allowed(refined.value(), small[1], refined.error(), small[3]);
  }

  private double allowed(double numeric, double analytic, double error, double absolute) {
    if (settings.userTolerance()) {
      return Tolerance.user(settings, Math.max(Math.abs(numeric), Math.abs(analytic)));
    }
    // Unlike an entry's, a direction's disagreement only decides where to look: the entries it
    // leads to are judged on their own. So no floor in proportion to the directional derivative,
    // which grows with the square root of the group's size and would hide one entry's bug.
    return Tolerance.SAFETY * error + 64 * epsilon * absolute + Double.MIN_NORMAL;
  }

  /**
   * Moves the entries {@code [from, to)} by {@code ±t·s_i·sign_i} and returns {numeric central
   * difference, analytic directional derivative from the held displacements, rounding error,
   * Σ|analytic terms|}, or null when the function is not finite there.
   */
  private double[] along(double[] sign, int from, int to, double t) {
    double[] plus = new double[to - from];
    double[] minus = new double[to - from];
    try {
      int count = to - from;
      objective.at(() -> "along a random direction of " + count + " entries");
      for (int i = from; i < to; i++) {
        plus[i - from] = perturbation.displace(p, i, t * scale[i] * sign[i]);
      }
      double fPlus = objective.evaluate();
      for (int i = from; i < to; i++) {
        minus[i - from] = perturbation.displace(p, i, -t * scale[i] * sign[i]);
      }
      double fMinus = objective.evaluate();
      if (!Double.isFinite(fPlus) || !Double.isFinite(fMinus)) {
        return null;
      }
      double analytic = 0;
      double absolute = 0;
      for (int i = from; i < to; i++) {
        double term = gradient[i] * (plus[i - from] - minus[i - from]) / (2 * t);
        analytic += term;
        absolute += Math.abs(term);
      }
      double magnitude = Math.max(Math.abs(f0), Math.max(Math.abs(fPlus), Math.abs(fMinus)));
      double roundoff = Rounding.of(sigma, epsilon, magnitude) / (2 * t);
      return new double[] {(fPlus - fMinus) / (2 * t), analytic, roundoff, absolute};
    } finally {
      for (int i = from; i < to; i++) {
        perturbation.restore(p, i);
      }
      objective.atDeclaredPoint();
    }
  }
}
