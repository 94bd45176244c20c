package dev.gradcheck.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckResult;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Outcome;
import dev.gradcheck.Report;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Our own property test of the Jacobian check, after {@link GradientPropertyTests}: over many
 * seeded random smooth vector functions and points, the exact Jacobian never fails, a small error
 * injected into one entry is caught and blamed on that entry alone, and the check costs no more
 * forward evaluations than the vector-Jacobian product check of the same function.
 *
 * <p>A draw has 1 to 6 inputs and 1 to 8 outputs, each output an independent {@link SmoothFunction}
 * of the shared inputs (see {@link VectorFunction}), differentiated exactly by commons-math3's
 * {@code DerivativeStructure}. Each row is screened at the point as GradientPropertyTests screens a
 * function, and drawn again when unusable. In half the draws every row is then multiplied by its
 * own power of ten from {@code 1e-6} to {@code 1e6}: a badly scaled least-squares problem, whose
 * small rows must be held to their own rounding, not to the largest row's. In a quarter of the
 * draws with at least two inputs the inputs are declared as two parameters, whose columns the
 * Jacobian concatenates.
 *
 * <p>The injected entry is drawn among those within a factor 10 of the largest magnitude of their
 * own row (see {@link #pickEntry}). It is caught when the check does not pass and that entry, and
 * no other, fails.
 *
 * <p>Beyond the thresholds of GradientPropertyTests, every Jacobian is compared with the gradient
 * checks of its rows, one by one, with the same seed: a check that does not pass must have every
 * entry it leaves unverified in a row whose own gradient check does not pass either, a coarse pass
 * must be one the row's own check does not verify either, and a missed error must be one the row's
 * own check misses too. A Jacobian check may not be less conclusive than its rows' gradient checks.
 */
class JacobianPropertyTests {

  private static final int PAIRS = 3000;

  /** The pairs on which the Jacobian check's cost is compared with the VJP check's. */
  private static final int COST_PAIRS = 200;

  private static final int MAX_INPUTS = 6;
  private static final int MAX_OUTPUTS = 8;
  private static final int MAX_EXPONENT = 6;

  @Test
  void doublePrecision() {
    Rates rates = measure(false, 1e-6, 0x5EED_0011L);
    System.out.println(rates.describe("jacobian double", 1e-6));
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(rates.falseFailures).as(rates.examples.toString()).isZero();
    softly.assertThat(rates.kinks).as("KINK verdicts on smooth functions").isZero();
    // A Jacobian is no less conclusive than the gradient checks of its rows, one by one.
    softly.assertThat(rates.notPassedAlone).isEmpty();
    softly.assertThat(rates.resolutionQuantile(1.0)).isLessThan(1e-4);
    softly.assertThat(rates.coarseAlone).isEmpty();
    softly
        .assertThat(rates.detectionRate())
        .as(rates.missed.toString())
        .isGreaterThanOrEqualTo(0.99);
    // An error the gradient check of its row would catch is caught in the Jacobian too.
    softly.assertThat(rates.missedAlone).isEmpty();
    softly.assertAll();
  }

  @Test
  void floatPrecision() {
    Rates rates = measure(true, 1e-2, 0x5EED_0012L);
    System.out.println(rates.describe("jacobian float", 1e-2));
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(rates.falseFailures).as(rates.examples.toString()).isZero();
    softly.assertThat(rates.kinks).as("KINK verdicts on smooth functions").isZero();
    // A pair is a Jacobian of up to 8 rows, each as hard as one gradient (GradientPropertyTests
    // asks
    // 99.5% of those to pass): at least 99% pass outright, and every one that does not has a row
    // whose own gradient check does not pass either — the Jacobian adds no shortfall of its own.
    softly
        .assertThat(rates.outcomes.getOrDefault(Outcome.PASSED, 0))
        .as(rates.notPassed.toString())
        .isGreaterThanOrEqualTo((int) Math.ceil(0.99 * PAIRS));
    softly.assertThat(rates.notPassedAlone).isEmpty();
    softly.assertThat(rates.resolutionQuantile(1.0)).isLessThan(1e-1);
    softly.assertThat(rates.coarseAlone).isEmpty();
    softly
        .assertThat(rates.detectionRate())
        .as(rates.missed.toString())
        .isGreaterThanOrEqualTo(0.99);
    softly.assertThat(rates.missedAlone).isEmpty();
    softly.assertAll();
  }

  /**
   * Reading every row from the same steps, a smooth Jacobian costs no more forward evaluations than
   * the vector-Jacobian product check of the same function at the same point, with the same seed,
   * but for a second noise probe per parameter ({@link #SECOND_PROBE} evaluations) where an output
   * entry is exact along the first probe's line (y0 = x0), or its rounding locked to it, while the
   * weighted sum the vector-Jacobian check probes is not.
   */
  /** The evaluations of a second noise probe, off the power-of-two grid. */
  private static final int SECOND_PROBE = 14;

  @Test
  void costsNoMoreThanVectorJacobianProduct() {
    SplittableRandom random = new SplittableRandom(0x5EED_0013L);
    Rates draws = new Rates();
    double ratioSum = 0;
    double largestRatio = 0;
    long jacobianTotal = 0;
    long vjpTotal = 0;
    int vjpPassed = 0;
    int dearerCount = 0;
    List<String> dearer = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int k = 0; k < COST_PAIRS; k++) {
      Pair p = draw(random, false, draws);
      long checkSeed = random.nextLong();
      CheckResult jacobian = jacobianCheck(p, p.jacobian(), false, checkSeed);
      CheckResult vjp = vjpCheck(p, checkSeed);
      if (vjp.passed()) {
        vjpPassed++;
      }
      if (jacobian.count(Verdict.FAIL) > 0 || vjp.count(Verdict.FAIL) > 0) {
        failures.add(
            p + "\n" + Report.text(jacobian) + "\nvector-Jacobian product:\n" + Report.text(vjp));
      }
      double ratio = (double) jacobian.evaluations() / vjp.evaluations();
      ratioSum += ratio;
      largestRatio = Math.max(largestRatio, ratio);
      jacobianTotal += jacobian.evaluations();
      vjpTotal += vjp.evaluations();
      if (jacobian.evaluations() > vjp.evaluations()) {
        dearerCount++;
      }
      int secondProbes = SECOND_PROBE * jacobian.parameters().size();
      if (jacobian.evaluations() > vjp.evaluations() + secondProbes && dearer.size() < 5) {
        dearer.add(
            String.format(
                    Locale.ROOT,
                    "pair %d: %d Jacobian vs %d VJP evaluations, check seed %d: ",
                    k,
                    jacobian.evaluations(),
                    vjp.evaluations(),
                    checkSeed)
                + p
                + "\n"
                + Report.text(jacobian)
                + "\nvector-Jacobian product:\n"
                + Report.text(vjp));
      }
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "jacobian cost: %d (function, point) pairs (%d rows redrawn); forward evaluations of the"
                + " Jacobian check over the VJP check's: mean ratio %.3f, max %.3f; totals %d vs"
                + " %d; %d pairs dearer; VJP checks passed %d of %d",
            COST_PAIRS,
            draws.redrawnRows,
            ratioSum / COST_PAIRS,
            largestRatio,
            jacobianTotal,
            vjpTotal,
            dearerCount,
            vjpPassed,
            COST_PAIRS));
    assertThat(failures).isEmpty();
    assertThat(dearer).isEmpty();
  }

  private static Rates measure(boolean useFloat, double injected, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Rates rates = new Rates();
    while (rates.pairs < PAIRS) {
      Pair p = draw(random, useFloat, rates);
      rates.pairs++;
      long checkSeed = random.nextLong();
      CheckResult exact = jacobianCheck(p, p.jacobian(), useFloat, checkSeed);
      int size = p.f().inputs() * p.f().outputs();
      rates.entries += size;
      rates.inconclusive += exact.count(Verdict.INCONCLUSIVE);
      rates.kinks += exact.count(Verdict.KINK);
      rates.outcomes.merge(exact.outcome(), 1, Integer::sum);
      int checked = 0;
      for (var parameter : exact.parameters()) {
        rates.coarse += parameter.coarse();
        checked += parameter.entries().size();
        for (EntryResult e : parameter.entries()) {
          if (e.flat()) {
            rates.flat++;
          } else if (e.verdict() == Verdict.PASS) {
            rates.resolutions.add(e.resolution());
          }
        }
      }
      rates.unchecked += size - checked;
      String where =
          "pair " + (rates.pairs - 1) + ": " + p + "\n  (check seed " + checkSeed + ")\n";
      if (exact.count(Verdict.FAIL) > 0 || !exact.violations().isEmpty()) {
        rates.falseFailures++;
        if (rates.examples.size() < 5) {
          rates.examples.add(where + Report.text(exact));
        }
      }
      double coarseAbove = useFloat ? 5e-2 : 1e-4;
      for (var parameter : exact.parameters()) {
        for (EntryResult e : parameter.entries()) {
          if (e.verdict() == Verdict.PASS && !e.flat() && e.resolution() > coarseAbove) {
            int i = e.output().orElseThrow();
            int j = parameter.name().equals("x") ? e.index() : e.index() + p.split();
            EntryResult alone =
                rowCheck(p, i, p.jacobian()[i], useFloat, checkSeed)
                    .parameter("x")
                    .entries()
                    .get(j);
            if (alone.verdict() == Verdict.PASS && alone.resolution() <= coarseAbove) {
              rates.coarseAlone.add(
                  String.format(
                          Locale.ROOT,
                          "∂y%d/∂x%d passed to %.1e, verified to %.1e by the gradient check of"
                              + " its row alone: ",
                          i,
                          j,
                          e.resolution(),
                          alone.resolution())
                      + where
                      + Report.text(exact));
            }
          }
        }
      }
      if (!exact.passed()) {
        String alone = notPassingAlone(p, exact, useFloat, checkSeed);
        if (alone.isEmpty()) {
          rates.notPassedAlone.add(where + Report.text(exact));
        } else if (rates.notPassed.size() < 5) {
          rates.notPassed.add(where + "  (" + alone + ")\n" + Report.text(exact));
        }
      }

      int[] target = pickEntry(random, p.jacobian());
      int i = target[0];
      int j = target[1];
      double[][] wrong = copy(p.jacobian());
      wrong[i][j] *= 1 + injected;
      if (useFloat && (float) wrong[i][j] == (float) p.jacobian()[i][j]) {
        throw new AssertionError("injected error vanished in float");
      }
      CheckResult caught = jacobianCheck(p, wrong, useFloat, checkSeed);
      rates.injectedPairs++;
      EntryResult blamed = entry(caught, p, i, j);
      boolean injectedFails = blamed != null && blamed.verdict() == Verdict.FAIL;
      if (injectedFails && caught.count(Verdict.FAIL) > 1) {
        rates.collateral++;
      }
      if (!caught.passed() && injectedFails && caught.count(Verdict.FAIL) == 1) {
        rates.detected++;
      } else {
        String what =
            String.format(Locale.ROOT, "entry ∂y%d/∂x%d injected: ", i, j)
                + where
                + Report.text(caught);
        CheckResult alone = rowCheck(p, i, wrong[i], useFloat, checkSeed);
        if (!alone.passed() && alone.parameter("x").entries().get(j).verdict() == Verdict.FAIL) {
          rates.missedAlone.add(
              what
                  + "\nwhich the gradient check of row "
                  + i
                  + " alone catches:\n"
                  + Report.text(alone));
        } else if (rates.missed.size() < 5) {
          rates.missed.add(
              what + "\n(the gradient check of row " + i + " alone: " + alone.outcome() + ")");
        }
      }
    }
    return rates;
  }

  /** One drawn (function, point) pair, with its exact Jacobian. */
  private record Pair(VectorFunction f, double[] x, double[][] jacobian, int split) {

    @Override
    public String toString() {
      return f
          + " at x = "
          + Arrays.toString(x)
          + (split < x.length ? " declared as x[0.." + split + ") and y = x[" + split + "..)" : "");
    }
  }

  /**
   * Draws a function and a point. Each row is drawn again until it is usable at the point (see
   * {@link #usable}); the test is of rows the numerics can see, and the row's scale, applied after
   * the screening, must change nothing about that.
   */
  private static Pair draw(SplittableRandom random, boolean useFloat, Rates rates) {
    int n = 1 + random.nextInt(MAX_INPUTS);
    int m = 1 + random.nextInt(MAX_OUTPUTS);
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = random.nextDouble(-2, 2);
      if (useFloat) {
        x[k] = (float) x[k];
      }
    }
    boolean scaled = random.nextBoolean();
    int split = n >= 2 && random.nextInt(4) == 0 ? 1 + random.nextInt(n - 1) : n;
    SmoothFunction[] rows = new SmoothFunction[m];
    double[] scales = new double[m];
    for (int i = 0; i < m; i++) {
      SmoothFunction row = SmoothFunction.random(random, n);
      while (!usable(row.value(x), x, row.gradient(x))) {
        rates.redrawnRows++;
        row = SmoothFunction.random(random, n);
      }
      rows[i] = row;
      scales[i] = scaled ? Math.pow(10, random.nextInt(-MAX_EXPONENT, MAX_EXPONENT + 1)) : 1;
    }
    if (scaled) {
      rates.scaledPairs++;
    }
    if (split < n) {
      rates.splitPairs++;
    }
    VectorFunction f = new VectorFunction(rows, scales);
    return new Pair(f, x, f.jacobian(x), split);
  }

  /**
   * The screening of GradientPropertyTests, row by row on the unscaled row: a value or gradient
   * that overflowed, and a row so flat that moving any variable by its own magnitude changes its
   * value by less than 1e-4 of itself, are drawn again.
   */
  private static boolean usable(double value, double[] x, double[] g) {
    double sensitivity = 0;
    for (int i = 0; i < g.length; i++) {
      if (!Double.isFinite(g[i]) || Math.abs(g[i]) > 1e6) {
        return false;
      }
      sensitivity = Math.max(sensitivity, Math.abs(g[i]) * Math.max(1, Math.abs(x[i])));
    }
    return Double.isFinite(value)
        && Math.abs(value) < 1e6
        && sensitivity > 1e-6
        && sensitivity >= 1e-4 * Math.abs(value);
  }

  /**
   * A random entry {@code (i, j)} among those not negligible against their own row: within a factor
   * 10 of the row's largest magnitude, as GradientPropertyTests picks within a gradient. Rows are
   * judged against their own scale, so this is the same visibility whatever the row's factor, and
   * every row has at least one candidate (its largest entry is nonzero: the row was screened).
   */
  private static int[] pickEntry(SplittableRandom random, double[][] j) {
    List<int[]> candidates = new ArrayList<>();
    for (int i = 0; i < j.length; i++) {
      double largest = 0;
      for (double v : j[i]) {
        largest = Math.max(largest, Math.abs(v));
      }
      for (int k = 0; k < j[i].length; k++) {
        if (j[i][k] != 0 && Math.abs(j[i][k]) >= 0.1 * largest) {
          candidates.add(new int[] {i, k});
        }
      }
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  /** The result of entry {@code ∂y_i/∂x_j}, {@code j} counted over all declared parameters. */
  private static EntryResult entry(CheckResult result, Pair p, int i, int j) {
    String name = j < p.split() ? "x" : "y";
    int index = j < p.split() ? j : j - p.split();
    return result.parameter(name).entries().stream()
        .filter(e -> e.index() == index && e.output().equals(OptionalInt.of(i)))
        .findFirst()
        .orElse(null);
  }

  private static CheckResult jacobianCheck(
      Pair p, double[][] jacobian, boolean useFloat, long seed) {
    int n = p.x().length;
    int split = p.split();
    VectorFunction f = p.f();
    GradientCheck check = GradientCheck.create().seed(seed);
    if (useFloat) {
      float[] a = new float[split];
      float[] b = new float[n - split];
      for (int k = 0; k < n; k++) {
        if (k < split) {
          a[k] = (float) p.x()[k];
        } else {
          b[k - split] = (float) p.x()[k];
        }
      }
      check.param("x", a);
      if (split < n) {
        check.param("y", b);
      }
      float[][] jf = new float[jacobian.length][n];
      for (int i = 0; i < jacobian.length; i++) {
        for (int k = 0; k < n; k++) {
          jf[i][k] = (float) jacobian[i][k];
        }
      }
      return check
          .output(() -> f.values(split < n ? join(a, b) : a))
          .jacobian(() -> copy(jf))
          .run();
    }
    double[] a = Arrays.copyOfRange(p.x(), 0, split);
    double[] b = Arrays.copyOfRange(p.x(), split, n);
    check.param("x", a);
    if (split < n) {
      check.param("y", b);
    }
    return check
        .output(() -> f.values(split < n ? join(a, b) : a))
        .jacobian(() -> copy(jacobian))
        .run();
  }

  /**
   * Why a Jacobian check that did not pass is no less conclusive than the gradient checks of its
   * rows one by one: the rows whose own gradient check does not pass either, when every entry of
   * the Jacobian that is not verified (inconclusive, or passed only coarsely) lies in one of them;
   * else empty.
   */
  private static String notPassingAlone(Pair p, CheckResult jacobian, boolean useFloat, long seed) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < p.f().outputs(); i++) {
      if (!rowCheck(p, i, p.jacobian()[i], useFloat, seed).passed()) {
        rows.add(i);
      }
    }
    double coarseAbove = useFloat ? 5e-2 : 1e-4;
    for (var parameter : jacobian.parameters()) {
      for (EntryResult e : parameter.entries()) {
        boolean verified =
            e.verdict() == Verdict.KINK
                || (e.verdict() == Verdict.PASS && (e.flat() || e.resolution() <= coarseAbove));
        if (!verified && !rows.contains(e.output().orElseThrow())) {
          return "";
        }
      }
    }
    return rows.isEmpty() ? "" : "rows " + rows + " do not pass their own gradient checks either";
  }

  /** The gradient check of row {@code i} alone, its inputs one parameter, with this gradient. */
  private static CheckResult rowCheck(
      Pair p, int i, double[] gradient, boolean useFloat, long seed) {
    int n = p.x().length;
    VectorFunction f = p.f();
    if (useFloat) {
      float[] x = new float[n];
      float[] dx = new float[n];
      for (int k = 0; k < n; k++) {
        x[k] = (float) p.x()[k];
      }
      return GradientCheck.create()
          .seed(seed)
          .param("x", x, dx)
          .loss(() -> f.values(x)[i])
          .backward(
              () -> {
                for (int k = 0; k < n; k++) {
                  dx[k] = (float) gradient[k];
                }
              })
          .run();
    }
    double[] x = p.x().clone();
    double[] dx = new double[n];
    return GradientCheck.create()
        .seed(seed)
        .param("x", x, dx)
        .loss(() -> f.values(x)[i])
        .backward(() -> System.arraycopy(gradient, 0, dx, 0, n))
        .run();
  }

  /** The vector-Jacobian product check of the same function: the backward fills {@code dy · J}. */
  private static CheckResult vjpCheck(Pair p, long seed) {
    int n = p.x().length;
    int split = p.split();
    VectorFunction f = p.f();
    double[][] jacobian = p.jacobian();
    double[] a = Arrays.copyOfRange(p.x(), 0, split);
    double[] b = Arrays.copyOfRange(p.x(), split, n);
    double[] da = new double[a.length];
    double[] db = new double[b.length];
    GradientCheck check = GradientCheck.create().seed(seed).param("x", a, da);
    if (split < n) {
      check.param("y", b, db);
    }
    return check
        .output(() -> f.values(split < n ? join(a, b) : a))
        .backward(
            dy -> {
              for (int k = 0; k < n; k++) {
                double sum = 0;
                for (int i = 0; i < dy.length; i++) {
                  sum += dy[i] * jacobian[i][k];
                }
                if (k < split) {
                  da[k] = sum;
                } else {
                  db[k - split] = sum;
                }
              }
            })
        .run();
  }

  private static double[] join(double[] a, double[] b) {
    double[] x = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, x, a.length, b.length);
    return x;
  }

  private static float[] join(float[] a, float[] b) {
    float[] x = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, x, a.length, b.length);
    return x;
  }

  private static double[][] copy(double[][] j) {
    double[][] c = new double[j.length][];
    for (int i = 0; i < j.length; i++) {
      c[i] = j[i].clone();
    }
    return c;
  }

  private static float[][] copy(float[][] j) {
    float[][] c = new float[j.length][];
    for (int i = 0; i < j.length; i++) {
      c[i] = j[i].clone();
    }
    return c;
  }

  private static final class Rates {
    int pairs;
    int redrawnRows;
    int scaledPairs;
    int splitPairs;
    int entries;
    int inconclusive;
    int kinks;
    int flat;
    int unchecked;
    int coarse;
    int falseFailures;
    int injectedPairs;
    int detected;
    int collateral;
    final List<String> examples = new ArrayList<>();
    final List<String> notPassed = new ArrayList<>();
    final List<String> missed = new ArrayList<>();
    final List<String> notPassedAlone = new ArrayList<>();
    final List<String> missedAlone = new ArrayList<>();
    final List<String> coarseAlone = new ArrayList<>();
    final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    final List<Double> resolutions = new ArrayList<>();

    double resolutionQuantile(double q) {
      List<Double> sorted = resolutions.stream().sorted().toList();
      return sorted.isEmpty()
          ? Double.NaN
          : sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size()));
    }

    double detectionRate() {
      return (double) detected / injectedPairs;
    }

    String describe(String precision, double injected) {
      return String.format(
          Locale.ROOT,
          "%s: %d (function, point) pairs, %d-%d inputs, %d-%d outputs (%d rows redrawn:"
              + " overflowing or flat; %d pairs with rows scaled by 1e-%d..1e%d, %d split over two"
              + " parameters); exact Jacobian: %d false failures, %d of %d entries inconclusive"
              + " (%.2f%%), %d kinks, %d unchecked, %d exactly flat; injected relative error %.0e:"
              + " %d of %d caught (%.2f%%), %d with other entries failing too, %d missed where the"
              + " gradient check of the row alone catches it; exact-Jacobian outcomes %s, %d not"
              + " passed where the gradient checks of every row pass, %d coarse passes (%d"
              + " verified by the gradient check of their row alone); resolution of non-flat"
              + " passes: median %.1e, 99%% %.1e, 99.9%% %.1e, max %.1e",
          precision,
          pairs,
          1,
          MAX_INPUTS,
          1,
          MAX_OUTPUTS,
          redrawnRows,
          scaledPairs,
          MAX_EXPONENT,
          MAX_EXPONENT,
          splitPairs,
          falseFailures,
          inconclusive,
          entries,
          100.0 * inconclusive / entries,
          kinks,
          unchecked,
          flat,
          injected,
          detected,
          injectedPairs,
          100.0 * detectionRate(),
          collateral,
          missedAlone.size(),
          outcomes,
          notPassedAlone.size(),
          coarse,
          coarseAlone.size(),
          resolutionQuantile(0.5),
          resolutionQuantile(0.99),
          resolutionQuantile(0.999),
          resolutionQuantile(1.0));
    }
  }
}
