package dev.gradcheck.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Outcome;
import dev.gradcheck.Report;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Our own property test of the Hessian checks, after {@link GradientPropertyTests}: over many
 * seeded random smooth functions {@code f: R^n -> R} ({@code n} from 1 to 6) and points, the exact
 * Hessian never fails, a small error injected into one entry pair is caught, and an asymmetric one
 * is its own finding. Both ways of checking a Hessian are measured on the same pairs: (a) after a
 * backward, against differences of the verified gradient, and (b) from a loss without backward,
 * against second differences of the loss.
 *
 * <p>The functions are drawn from the grammar of {@link SmoothFunction}, with the same draws, so
 * that {@code SmoothFunction} supplies the loss and the backward (its exact gradient, at whatever
 * point the check evaluates it) and {@link SmoothFunction}, the same expression tree differentiated
 * to order 2 by commons-math3's {@code DerivativeStructure}, the exact Hessian. The two are checked
 * to agree on the value and gradient of every pair.
 *
 * <p>A pair is drawn again when it tests nothing (see {@link #usable}): as in
 * GradientPropertyTests, a value, gradient or Hessian that overflowed, or a function so flat that
 * moving any variable by its own magnitude changes the value by less than 1e-4 of itself; and, one
 * order up, a Hessian so small that moving any variable by its own magnitude changes the gradient
 * by less than 1e-4 of its largest entry, or the value (to second order) by less than 1e-4 of
 * itself. Single rows of the Hessian may still be flat against their own gradient entry: their
 * inconclusive entries are counted, not redrawn.
 *
 * <p>Injected errors go into entries not negligible against the Hessian: the candidates are the
 * nonzero entries within a factor 10 of the largest magnitude of the whole Hessian (see {@link
 * #pickPair}). A symmetric injection draws a candidate pair {@code (i, j)}, {@code i <= j}, and
 * multiplies both {@code H[i][j]} and {@code H[j][i]} by {@code 1 + δ}, so that the Hessian stays
 * symmetric and the symmetry finding cannot be what catches it (a diagonal pair is one entry); it
 * is caught when the declaration does not pass and the injected entries fail. Most Hessians of this
 * grammar are dominated by their diagonal, so besides a pair drawn among all candidates, every draw
 * with an off-diagonal candidate gets a symmetric injection into a pair drawn among those. The
 * asymmetric injection multiplies one of {@code H[i][j]}, {@code H[j][i]} ({@code i < j}, an
 * off-diagonal candidate) by {@code 1 + 1e-3}; after a backward it must always be reported as
 * {@link ContractViolation.AsymmetricHessian}.
 *
 * <p>Asserted: no false failure (no FAIL entry and no broken contract, in the gradient or the
 * Hessian check) on the exact Hessian, either way; after a backward, symmetric injections of {@code
 * 1e-6} (into any candidate pair, and into an off-diagonal one) caught in at least 99% of the draws
 * and every asymmetric injection reported; from the loss alone, a symmetric injection of {@code
 * 1e-3} into any candidate pair caught in at least 99%. Measured and printed besides: the same from
 * the loss alone at {@code 1e-2} and off the diagonal, its asymmetric injection, the resolution of
 * the passing entries of both ways side by side, and their cost per {@code n}. With {@code
 * -Dgradcheck.property.verbose=true} the first misses of every injection are printed.
 *
 * <p>The measurement is made once for the class and shared by its tests; the pairs are drawn in
 * sequence from the seed and checked in parallel, so the figures do not depend on the cores.
 */
class HessianPropertyTests {

  private static final int PAIRS = 3000;

  /** A system property: when true, the first misses of every injection are printed too. */
  private static final String VERBOSE = "gradcheck.property.verbose";

  private static final int MAX_INPUTS = 6;

  /** Entries within this factor of the Hessian's largest magnitude are candidates for injection. */
  private static final double CANDIDATE_FACTOR = 0.1;

  /** Where an error is injected. */
  private enum Where {
    /** Both entries of a pair drawn among all candidates. */
    ANY_PAIR("one entry pair"),
    /** Both entries of a pair drawn among the off-diagonal candidates. */
    OFF_DIAGONAL_PAIR("one off-diagonal entry pair"),
    /** One entry of an off-diagonal candidate pair, its mirror left alone. */
    ONE_OF_A_PAIR("one off-diagonal entry alone");

    final String description;

    Where(String description) {
      this.description = description;
    }
  }

  /** One error injected into the Hessian of every pair with a candidate for it. */
  private record Injection(boolean afterBackward, Where where, double relative) {

    String describe() {
      return String.format(Locale.ROOT, "%s × (1 + %.0e)", where.description, relative);
    }
  }

  private static final Injection A_ANY = new Injection(true, Where.ANY_PAIR, 1e-6);
  private static final Injection A_OFF = new Injection(true, Where.OFF_DIAGONAL_PAIR, 1e-6);
  private static final Injection A_ASYMMETRIC = new Injection(true, Where.ONE_OF_A_PAIR, 1e-3);
  private static final Injection B_ANY = new Injection(false, Where.ANY_PAIR, 1e-3);
  private static final Injection B_ANY_COARSE = new Injection(false, Where.ANY_PAIR, 1e-2);
  private static final Injection B_OFF = new Injection(false, Where.OFF_DIAGONAL_PAIR, 1e-3);
  private static final Injection B_OFF_COARSE = new Injection(false, Where.OFF_DIAGONAL_PAIR, 1e-2);
  private static final Injection B_ASYMMETRIC = new Injection(false, Where.ONE_OF_A_PAIR, 1e-3);

  private static final List<Injection> INJECTIONS =
      List.of(A_ANY, A_OFF, A_ASYMMETRIC, B_ANY, B_ANY_COARSE, B_OFF, B_OFF_COARSE, B_ASYMMETRIC);

  private static Measurement measurement;

  private static synchronized Measurement measurement() {
    if (measurement == null) {
      long start = System.nanoTime();
      measurement = Measurement.of(new Draws(0x5EED_0021L));
      measurement.seconds = (System.nanoTime() - start) / 1e9;
    }
    return measurement;
  }

  @Test
  void afterBackward() {
    Measurement m = measurement();
    System.out.println(m.afterBackward.describe(m.caught));
    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(m.afterBackward.falseFailures)
        .as("false failures of exact gradient and Hessian:\n%s", m.afterBackward.examples)
        .isZero();
    for (Injection symmetric : List.of(A_ANY, A_OFF)) {
      Caught c = m.caught.get(symmetric);
      softly
          .assertThat(c.rate())
          .as("%s caught:\n%s", symmetric.describe(), c.missed)
          .isGreaterThanOrEqualTo(0.99);
    }
    Caught asymmetric = m.caught.get(A_ASYMMETRIC);
    softly
        .assertThat(asymmetric.asymmetryFound)
        .as("%s reported as AsymmetricHessian:\n%s", A_ASYMMETRIC.describe(), asymmetric.missed)
        .isEqualTo(asymmetric.tested);
    softly.assertAll();
  }

  @Test
  void fromLossAlone() {
    Measurement m = measurement();
    System.out.println(m.fromLoss.describe(m.caught));
    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(m.fromLoss.falseFailures)
        .as("false failures of the exact Hessian:\n%s", m.fromLoss.examples)
        .isZero();
    Caught c = m.caught.get(B_ANY);
    softly
        .assertThat(c.rate())
        .as("%s caught:\n%s", B_ANY.describe(), c.missed)
        .isGreaterThanOrEqualTo(0.99);
    softly.assertAll();
  }

  /**
   * The two ways side by side: the resolution of their passing entries and what they cost. The
   * loss-alone check is the coarser, as LossCheck's documentation says.
   */
  @Test
  void resolutionAndCostSideBySide() {
    Measurement m = measurement();
    System.out.println(m.describeResolutions());
    System.out.println(m.describeCost());
    System.out.printf(
        Locale.ROOT,
        "hessian property measurement: %.1f s (%d pairs redrawn)%n",
        m.seconds,
        m.redrawn);
    if (Boolean.getBoolean(VERBOSE)) {
      for (Caught c : m.caught.values()) {
        System.out.println(
            "missed, "
                + c.injection.describe()
                + " (passed anyway in pairs "
                + c.passedAnywayPairs
                + "):\n"
                + String.join("\n\n", c.missed));
      }
      System.out.println("not passed, exact:\n" + String.join("\n\n", m.afterBackward.notPassed));
      System.out.println("not passed, exact:\n" + String.join("\n\n", m.fromLoss.notPassed));
    }
    assertThat(m.fromLoss.resolutionQuantile(0.5))
        .isGreaterThan(m.afterBackward.resolutionQuantile(0.5));
  }

  /** One drawn (function, point) pair, with everything random about its checks. */
  private record Pair(
      int index,
      long functionSeed,
      SmoothFunction loss,
      SmoothFunction f,
      double[] x,
      double[][] hessian,
      long checkSeed,
      Map<Where, int[]> targets) {

    int n() {
      return x.length;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "pair %d (n = %d, function seed %d, check seed %d): f = %s at x = %s",
          index,
          x.length,
          functionSeed,
          checkSeed,
          f,
          Arrays.toString(x));
    }
  }

  /** The pairs, drawn in sequence from one seed. */
  private static final class Draws {
    final List<Pair> pairs = new ArrayList<>();
    int redrawn;

    Draws(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      while (pairs.size() < PAIRS) {
        int n = 1 + random.nextInt(MAX_INPUTS);
        long functionSeed = random.nextLong();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = random.nextDouble(-2, 2);
        }
        SmoothFunction f = SmoothFunction.random(new SplittableRandom(functionSeed), n);
        SmoothFunction.Derivatives d = f.derivatives(x);
        if (!usable(d, x)) {
          redrawn++;
          continue;
        }
        SmoothFunction loss = SmoothFunction.random(new SplittableRandom(functionSeed), n);
        sameFunction(loss, f, x, d);
        long checkSeed = random.nextLong();
        Map<Where, int[]> targets = new EnumMap<>(Where.class);
        targets.put(Where.ANY_PAIR, pickPair(random, d.hessian(), false));
        int[] off = pickPair(random, d.hessian(), true);
        if (off != null) {
          targets.put(Where.OFF_DIAGONAL_PAIR, off);
          int[] one = pickPair(random, d.hessian(), true);
          targets.put(Where.ONE_OF_A_PAIR, random.nextBoolean() ? one : new int[] {one[1], one[0]});
        }
        pairs.add(
            new Pair(pairs.size(), functionSeed, loss, f, x, d.hessian(), checkSeed, targets));
      }
    }
  }

  /**
   * SmoothFunction, drawn from the same seed, is the same function: same value bit for bit, same
   * gradient to rounding.
   */
  private static void sameFunction(
      SmoothFunction loss, SmoothFunction f, double[] x, SmoothFunction.Derivatives d) {
    double value = loss.value(x);
    if (value != f.value(x) || Math.abs(d.value() - value) > 1e-12 * scale(value)) {
      throw new AssertionError("not the same function: " + loss + " vs " + f);
    }
    double[] g = loss.gradient(x);
    for (int i = 0; i < g.length; i++) {
      if (Math.abs(g[i] - d.gradient()[i]) > 1e-12 * scale(g[i])) {
        throw new AssertionError("not the same gradient: " + loss + " vs " + f);
      }
    }
  }

  private static double scale(double v) {
    return Math.max(1, Math.abs(v));
  }

  /**
   * Pairs that test nothing are drawn again: a value, gradient or Hessian that overflowed; a
   * function so flat that moving any variable by its own magnitude changes the value by less than
   * 1e-4 of itself (the screening of GradientPropertyTests); and a Hessian so small that moving any
   * variable by its own magnitude changes the gradient by less than 1e-4 of its largest entry, or
   * the value to second order by less than 1e-4 of itself.
   */
  private static boolean usable(SmoothFunction.Derivatives d, double[] x) {
    double value = d.value();
    double[] g = d.gradient();
    double[][] h = d.hessian();
    double sensitivity = 0;
    double largestGradient = 0;
    double curvature = 0;
    double secondOrder = 0;
    for (int i = 0; i < g.length; i++) {
      if (!Double.isFinite(g[i]) || Math.abs(g[i]) > 1e6) {
        return false;
      }
      sensitivity = Math.max(sensitivity, Math.abs(g[i]) * scale(x[i]));
      largestGradient = Math.max(largestGradient, Math.abs(g[i]));
      for (int j = 0; j < g.length; j++) {
        if (!Double.isFinite(h[i][j]) || Math.abs(h[i][j]) > 1e6) {
          return false;
        }
        curvature = Math.max(curvature, Math.abs(h[i][j]) * scale(x[j]));
        secondOrder = Math.max(secondOrder, Math.abs(h[i][j]) * scale(x[i]) * scale(x[j]));
      }
    }
    return Double.isFinite(value)
        && Math.abs(value) < 1e6
        && sensitivity > 1e-6
        && sensitivity >= 1e-4 * Math.abs(value)
        && curvature > 1e-6
        && curvature >= 1e-4 * largestGradient
        && secondOrder >= 1e-4 * Math.abs(value);
  }

  /**
   * A random entry pair {@code (i, j)}, {@code i <= j} (or {@code i < j} when {@code offDiagonal}),
   * among the nonzero entries within a factor 10 of the largest magnitude of the whole Hessian;
   * null when there is none (off the diagonal only: the largest entry is a candidate, and nonzero
   * after the screening).
   */
  private static int[] pickPair(SplittableRandom random, double[][] h, boolean offDiagonal) {
    double largest = 0;
    for (double[] row : h) {
      for (double v : row) {
        largest = Math.max(largest, Math.abs(v));
      }
    }
    List<int[]> candidates = new ArrayList<>();
    for (int i = 0; i < h.length; i++) {
      for (int j = offDiagonal ? i + 1 : i; j < h.length; j++) {
        if (h[i][j] != 0 && Math.abs(h[i][j]) >= CANDIDATE_FACTOR * largest) {
          candidates.add(new int[] {i, j});
        }
      }
    }
    return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
  }

  /** Case (a): the gradient checked first, then the Hessian against differences of it. */
  private static CheckResult afterBackward(Pair p, double[][] hessian) {
    double[] x = p.x().clone();
    double[] dx = new double[x.length];
    SmoothFunction f = p.loss();
    return GradientCheck.create()
        .seed(p.checkSeed())
        .param("x", x, dx)
        .loss(() -> f.value(x))
        .backward(() -> System.arraycopy(f.gradient(x), 0, dx, 0, dx.length))
        .hessian(() -> copy(hessian))
        .run();
  }

  /** Case (b): the Hessian of a loss without backward, against second differences of the loss. */
  private static CheckResult fromLoss(Pair p, double[][] hessian) {
    double[] x = p.x().clone();
    SmoothFunction f = p.loss();
    return GradientCheck.create()
        .seed(p.checkSeed())
        .param("x", x)
        .loss(() -> f.value(x))
        .hessian(() -> copy(hessian))
        .run();
  }

  /**
   * The Hessian with the injection's error: both {@code H[i][j]} and {@code H[j][i]} multiplied by
   * {@code 1 + δ} for a symmetric one, {@code H[i][j]} alone otherwise.
   */
  private static double[][] inject(double[][] h, Injection injection, int[] target) {
    int i = target[0];
    int j = target[1];
    double[][] wrong = copy(h);
    wrong[i][j] = h[i][j] * (1 + injection.relative());
    if (injection.where() != Where.ONE_OF_A_PAIR) {
      wrong[j][i] = h[j][i] * (1 + injection.relative());
    }
    if (wrong[i][j] == h[i][j]) {
      throw new AssertionError("injected error vanished");
    }
    return wrong;
  }

  /** The Hessian check of a declaration: its follow-up after a backward, else itself. */
  private static CheckResult hessianOf(CheckResult declaration) {
    if (declaration.kind() == CheckKind.HESSIAN) {
      return declaration;
    }
    if (declaration.followUps().isEmpty()) {
      return null;
    }
    CheckResult h = declaration.followUps().get(0);
    if (h.kind() != CheckKind.HESSIAN) {
      throw new AssertionError("follow-up of kind " + h.kind());
    }
    return h;
  }

  /** The Hessian entry {@code ∂²loss/∂x[i]∂x[j]}: row {@code i}, column {@code j}. */
  private static EntryResult entry(CheckResult hessian, int i, int j) {
    return hessian.parameter("x").entries().stream()
        .filter(e -> e.index() == j && e.output().equals(OptionalInt.of(i)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + i + ", " + j));
  }

  private static boolean hasAsymmetry(CheckResult hessian) {
    return hessian != null
        && hessian.violations().stream()
            .anyMatch(v -> v instanceof ContractViolation.AsymmetricHessian);
  }

  private static double[][] copy(double[][] h) {
    double[][] c = new double[h.length][];
    for (int i = 0; i < h.length; i++) {
      c[i] = h[i].clone();
    }
    return c;
  }

  /** Every check of one pair; run in parallel, aggregated in order. */
  private record Checked(
      Pair pair, CheckResult exactA, CheckResult exactB, Map<Injection, CheckResult> injected) {

    static Checked of(Pair p) {
      Map<Injection, CheckResult> injected = new LinkedHashMap<>();
      for (Injection injection : INJECTIONS) {
        int[] target = p.targets().get(injection.where());
        if (target != null) {
          double[][] wrong = inject(p.hessian(), injection, target);
          injected.put(
              injection, injection.afterBackward() ? afterBackward(p, wrong) : fromLoss(p, wrong));
        }
      }
      return new Checked(
          p, afterBackward(p, p.hessian()), fromLoss(p, p.hessian()), Map.copyOf(injected));
    }
  }

  /** How one injection fared over the pairs it was made in. */
  private static final class Caught {
    final Injection injection;
    int tested;
    int diagonal;
    int caught;
    int collateral;
    int passedAnyway;
    int injectedInconclusive;
    int injectedPassed;
    int asymmetryFound;
    final List<String> missed = new ArrayList<>();
    final List<Integer> passedAnywayPairs = new ArrayList<>();

    Caught(Injection injection) {
      this.injection = injection;
    }

    void add(Pair p, CheckResult declaration) {
      tested++;
      int[] target = p.targets().get(injection.where());
      boolean diagonalEntry = target[0] == target[1];
      if (diagonalEntry) {
        diagonal++;
      }
      CheckResult hessian = hessianOf(declaration);
      if (hasAsymmetry(hessian)) {
        asymmetryFound++;
      }
      List<EntryResult> changed = new ArrayList<>();
      if (hessian != null) {
        changed.add(entry(hessian, target[0], target[1]));
        if (injection.where() != Where.ONE_OF_A_PAIR && !diagonalEntry) {
          changed.add(entry(hessian, target[1], target[0]));
        }
      }
      boolean allFail =
          !changed.isEmpty() && changed.stream().allMatch(e -> e.verdict() == Verdict.FAIL);
      if (allFail && hessian.count(Verdict.FAIL) > changed.size()) {
        collateral++;
      }
      if (changed.stream().anyMatch(e -> e.verdict() == Verdict.INCONCLUSIVE)) {
        injectedInconclusive++;
      }
      if (changed.stream().anyMatch(e -> e.verdict() == Verdict.PASS)) {
        injectedPassed++;
      }
      if (declaration.passed()) {
        passedAnyway++;
        passedAnywayPairs.add(p.index());
      }
      boolean notPassedAndFailing = !declaration.passed() && allFail;
      if (notPassedAndFailing) {
        caught++;
      }
      boolean ok =
          injection.where() == Where.ONE_OF_A_PAIR && injection.afterBackward()
              ? hasAsymmetry(hessian)
              : notPassedAndFailing;
      if (!ok && missed.size() < 5) {
        missed.add(
            String.format(
                    Locale.ROOT, "%s at (%d, %d): ", injection.describe(), target[0], target[1])
                + p
                + "\n"
                + Report.text(declaration)
                + describeChanged(changed));
      }
    }

    private static String describeChanged(List<EntryResult> changed) {
      StringBuilder s = new StringBuilder();
      for (EntryResult e : changed) {
        s.append(
            String.format(
                Locale.ROOT,
                "\n  changed %s: %s, analytic %s, numeric %s ± %.1e, allowed %.1e, resolution"
                    + " %.1e%s",
                e.label(),
                e.verdict(),
                e.analytic(),
                e.numeric(),
                e.numericError(),
                e.allowed(),
                e.resolution(),
                e.note().isEmpty() ? "" : " (" + e.note() + ")"));
      }
      return s.toString();
    }

    double rate() {
      return (double) caught / tested;
    }

    String describe() {
      String common =
          String.format(
              Locale.ROOT,
              "%d of %d declarations passed anyway, changed entries inconclusive in %d and"
                  + " passing in %d",
              passedAnyway,
              tested,
              injectedInconclusive,
              injectedPassed);
      if (injection.where() == Where.ONE_OF_A_PAIR) {
        return String.format(
            Locale.ROOT,
            "%s: AsymmetricHessian in %d of %d%s; %s",
            injection.describe(),
            asymmetryFound,
            tested,
            injection.afterBackward()
                ? ""
                : String.format(
                    Locale.ROOT,
                    ", not passed with the changed entry failing in %d (%.2f%%)",
                    caught,
                    100.0 * rate()),
            common);
      }
      return String.format(
          Locale.ROOT,
          "%s (%d on the diagonal): %d of %d caught (%.2f%%, %d with other entries failing too,"
              + " AsymmetricHessian in %d); %s",
          injection.describe(),
          diagonal,
          caught,
          tested,
          100.0 * rate(),
          collateral,
          asymmetryFound,
          common);
    }
  }

  /** The figures of the exact checks of one way of checking a Hessian. */
  private static final class Rates {
    final String name;
    final boolean afterBackward;
    int pairs;
    int hessianEntries;
    int gradientEntries;
    int hessianInconclusive;
    int gradientInconclusive;
    int notChecked;
    int falseFailures;
    int failingEntries;
    int violated;
    int flat;
    int coarse;
    int kinks;
    final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    final List<String> examples = new ArrayList<>();
    final List<String> notPassed = new ArrayList<>();
    final List<Double> resolutions = new ArrayList<>();
    final long[] evaluations = new long[MAX_INPUTS + 1];
    final long[] hessianEvaluations = new long[MAX_INPUTS + 1];
    final int[] pairsOfSize = new int[MAX_INPUTS + 1];

    Rates(String name, boolean afterBackward) {
      this.name = name;
      this.afterBackward = afterBackward;
    }

    /** Records the exact check of one pair: the whole declaration's result. */
    void exact(Pair p, CheckResult declaration) {
      CheckResult hessian = hessianOf(declaration);
      pairs++;
      pairsOfSize[p.n()]++;
      outcomes.merge(declaration.outcome(), 1, Integer::sum);
      failingEntries += declaration.count(Verdict.FAIL);
      // The declaration's violations and evaluations include its follow-up's: count its own.
      boolean followedUp = hessian != null && hessian != declaration;
      int ownViolations =
          declaration.violations().size() - (followedUp ? hessian.violations().size() : 0);
      violated += ownViolations == 0 ? 0 : 1;
      boolean failed = declaration.count(Verdict.FAIL) > 0 || ownViolations > 0;
      evaluations[p.n()] += declaration.evaluations() - (followedUp ? hessian.evaluations() : 0);
      if (declaration != hessian) {
        gradientEntries += p.n();
        gradientInconclusive += declaration.count(Verdict.INCONCLUSIVE);
      }
      if (hessian == null) {
        notChecked++;
      } else {
        if (hessian != declaration) {
          failingEntries += hessian.count(Verdict.FAIL);
          violated += hessian.violations().isEmpty() ? 0 : 1;
          failed |= hessian.count(Verdict.FAIL) > 0 || !hessian.violations().isEmpty();
          hessianEvaluations[p.n()] += hessian.evaluations();
        }
        hessianEntries += hessian.parameter("x").size();
        hessianInconclusive += hessian.count(Verdict.INCONCLUSIVE);
        coarse += hessian.parameter("x").coarse();
        for (EntryResult e : hessian.parameter("x").entries()) {
          if (e.verdict() == Verdict.KINK || e.atKink()) {
            kinks++;
          }
          if (e.verdict() == Verdict.PASS && e.flat()) {
            flat++;
          } else if (e.verdict() == Verdict.PASS) {
            resolutions.add(e.resolution());
          }
        }
      }
      if (failed) {
        falseFailures++;
        if (examples.size() < 5) {
          examples.add(p + "\n" + Report.text(declaration));
        }
      } else if (!declaration.passed() && notPassed.size() < 3) {
        notPassed.add(p + "\n" + Report.text(declaration));
      }
    }

    double resolutionQuantile(double q) {
      List<Double> sorted = resolutions.stream().sorted().toList();
      return sorted.isEmpty()
          ? Double.NaN
          : sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size()));
    }

    String describe(Map<Injection, Caught> caught) {
      StringBuilder injections = new StringBuilder();
      for (Injection injection : INJECTIONS) {
        if (injection.afterBackward() == afterBackward) {
          injections.append("; ").append(caught.get(injection).describe());
        }
      }
      return String.format(
          Locale.ROOT,
          "%s: %d (function, point) pairs, %d-%d inputs; exact gradient and Hessian: %d false"
              + " failures (%d FAIL entries, %d with a broken contract), %s%d of %d Hessian"
              + " entries inconclusive (%.2f%%), %d coarse passes, %d at a kink, %d exactly flat, Hessian not"
              + " checked in %d; outcomes %s; injections into entries within %.0fx of the"
              + " largest |H|%s",
          name,
          pairs,
          1,
          MAX_INPUTS,
          falseFailures,
          failingEntries,
          violated,
          gradientEntries == 0
              ? ""
              : String.format(
                  Locale.ROOT,
                  "%d of %d gradient entries inconclusive, ",
                  gradientInconclusive,
                  gradientEntries),
          hessianInconclusive,
          hessianEntries,
          100.0 * hessianInconclusive / Math.max(1, hessianEntries),
          coarse,
          kinks,
          flat,
          notChecked,
          outcomes,
          1 / CANDIDATE_FACTOR,
          injections);
    }
  }

  /** Everything measured, once for the class. */
  private static final class Measurement {
    final Rates afterBackward = new Rates("hessian after backward", true);
    final Rates fromLoss = new Rates("hessian from loss alone", false);
    final Map<Injection, Caught> caught = new LinkedHashMap<>();
    int redrawn;
    double seconds;

    static Measurement of(Draws draws) {
      Measurement m = new Measurement();
      m.redrawn = draws.redrawn;
      INJECTIONS.forEach(injection -> m.caught.put(injection, new Caught(injection)));
      List<Checked> checked = draws.pairs.parallelStream().map(Checked::of).toList();
      for (Checked c : checked) {
        m.afterBackward.exact(c.pair(), c.exactA());
        m.fromLoss.exact(c.pair(), c.exactB());
        for (Injection injection : INJECTIONS) {
          CheckResult result = c.injected().get(injection);
          if (result != null) {
            m.caught.get(injection).add(c.pair(), result);
          }
        }
      }
      return m;
    }

    String describeResolutions() {
      return String.format(
          Locale.ROOT,
          "hessian resolution of non-flat passes, after backward vs from loss alone: median %.1e"
              + " vs %.1e, 99%% %.1e vs %.1e, max %.1e vs %.1e (%d vs %d entries)",
          afterBackward.resolutionQuantile(0.5),
          fromLoss.resolutionQuantile(0.5),
          afterBackward.resolutionQuantile(0.99),
          fromLoss.resolutionQuantile(0.99),
          afterBackward.resolutionQuantile(1.0),
          fromLoss.resolutionQuantile(1.0),
          afterBackward.resolutions.size(),
          fromLoss.resolutions.size());
    }

    String describeCost() {
      StringBuilder s =
          new StringBuilder(
              "hessian cost, mean loss evaluations() per exact declaration, from loss alone vs"
                  + " after backward (gradient check + Hessian check, each evaluation of the"
                  + " latter with a backward):");
      for (int n = 1; n <= MAX_INPUTS; n++) {
        int count = afterBackward.pairsOfSize[n];
        if (count == 0) {
          continue;
        }
        double a = (double) afterBackward.evaluations[n] / count;
        double ah = (double) afterBackward.hessianEvaluations[n] / count;
        double b = (double) fromLoss.evaluations[n] / count;
        s.append(
            String.format(
                Locale.ROOT,
                " n=%d (%d pairs): %.0f vs %.0f (%.0f + %.0f), ratio %.1f;",
                n,
                count,
                b,
                a + ah,
                a,
                ah,
                b / (a + ah)));
      }
      s.setLength(s.length() - 1);
      return s.toString();
    }
  }
}
