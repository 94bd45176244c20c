package dev.gradcheck.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Our own property test: over many seeded random smooth functions and points, the exact gradient
 * never fails, and a small injected error in one entry is caught.
 */
class GradientPropertyTests {

  private static final int PAIRS = 1000;

  @Test
  void doublePrecision() {
    Rates rates = measure(false, 1e-6, 0x5EED_0001L);
    System.out.println(rates.describe("double", 1e-6));
    assertThat(rates.falseFailures).as(rates.examples.toString()).isEmpty();
    // The user guide's figures: every correct double check passes, no pass coarser than 1e-4.
    assertThat(rates.outcomes).containsOnlyKeys(dev.gradcheck.Outcome.PASSED);
    assertThat(rates.resolutionQuantile(1.0)).isLessThan(1e-4);
    assertThat(rates.detectionRate()).as(rates.missed.toString()).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void floatPrecision() {
    Rates rates = measure(true, 1e-2, 0x5EED_0002L);
    System.out.println(rates.describe("float", 1e-2));
    assertThat(rates.falseFailures).as(rates.examples.toString()).isEmpty();
    // The user guide's figures: at least 99.5% of correct float checks pass outright.
    assertThat(rates.outcomes.getOrDefault(dev.gradcheck.Outcome.PASSED, 0))
        .isGreaterThanOrEqualTo(995);
    assertThat(rates.resolutionQuantile(1.0)).isLessThan(5e-2);
    assertThat(rates.detectionRate()).as(rates.missed.toString()).isGreaterThanOrEqualTo(0.99);
  }

  private static Rates measure(boolean useFloat, double injected, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Rates rates = new Rates();
    while (rates.pairs < PAIRS) {
      int n = 1 + random.nextInt(6);
      SmoothFunction f = SmoothFunction.random(random, n);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextDouble(-2, 2);
        if (useFloat) {
          x[i] = (float) x[i];
        }
      }
      double[] g = f.gradient(x);
      if (!usable(f.value(x), x, g)) {
        rates.skipped++;
        continue;
      }
      rates.pairs++;
      long checkSeed = random.nextLong();
      CheckResult exact = check(f, x, g, useFloat, checkSeed);
      rates.inconclusive += exact.count(Verdict.INCONCLUSIVE);
      rates.entries += n;
      rates.outcomes.merge(exact.outcome(), 1, Integer::sum);
      rates.coarse += exact.parameter("x").coarse();
      exact.parameter("x").entries().stream()
          .filter(e -> e.verdict() == Verdict.PASS)
          .forEach(e -> rates.resolutions.add(e.resolution()));
      if (exact.count(Verdict.FAIL) > 0 || !exact.violations().isEmpty()) {
        rates.falseFailures.add(f.toString());
        rates.examples.add(f + " at " + java.util.Arrays.toString(x) + "\n" + Report.text(exact));
      }
      int j = pickEntry(random, g);
      double[] wrong = g.clone();
      wrong[j] *= 1 + injected;
      if (useFloat && (float) wrong[j] == (float) g[j]) {
        throw new AssertionError("injected error vanished in float");
      }
      CheckResult caught = check(f, x, wrong, useFloat, checkSeed);
      rates.injectedPairs++;
      if (caught.parameter("x").entries().get(j).verdict() == Verdict.FAIL) {
        rates.detected++;
      } else if (rates.missed.size() < 5) {
        rates.missed.add(f + " at " + java.util.Arrays.toString(x) + "\n" + Report.text(caught));
      }
    }
    return rates;
  }

  /**
   * Pairs that test nothing are drawn again: a value or gradient that overflowed, and a function so
   * flat that moving any variable by its own magnitude changes the value by less than 1e-4 of
   * itself. Such a change is a few hundred units in the last place of a float: no finite difference
   * can see a 1% error in a derivative that small, and the checker rightly calls it inconclusive
   * rather than failed.
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

  /** A random entry among those within a factor 10 of the largest, so the error is visible. */
  private static int pickEntry(SplittableRandom random, double[] g) {
    double largest = 0;
    for (double gi : g) {
      largest = Math.max(largest, Math.abs(gi));
    }
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < g.length; i++) {
      if (Math.abs(g[i]) >= 0.1 * largest) {
        candidates.add(i);
      }
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  private static CheckResult check(
      SmoothFunction f, double[] x, double[] gradient, boolean useFloat, long seed) {
    if (useFloat) {
      float[] xf = new float[x.length];
      float[] dx = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        xf[i] = (float) x[i];
      }
      return GradientCheck.create()
          .seed(seed)
          .param("x", xf, dx)
          .loss(() -> f.value(xf))
          .backward(
              () -> {
                for (int i = 0; i < dx.length; i++) {
                  dx[i] = (float) gradient[i];
                }
              })
          .run();
    }
    double[] xd = x.clone();
    double[] dx = new double[x.length];
    return GradientCheck.create()
        .seed(seed)
        .param("x", xd, dx)
        .loss(() -> f.value(xd))
        .backward(() -> System.arraycopy(gradient, 0, dx, 0, dx.length))
        .run();
  }

  private static final class Rates {
    int pairs;
    int skipped;
    int entries;
    int inconclusive;
    int injectedPairs;
    int detected;
    final List<String> falseFailures = new ArrayList<>();
    final List<String> examples = new ArrayList<>();
    final List<String> missed = new ArrayList<>();
    final java.util.Map<dev.gradcheck.Outcome, Integer> outcomes =
        new java.util.EnumMap<>(dev.gradcheck.Outcome.class);
    final List<Double> resolutions = new ArrayList<>();
    int coarse;

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
          "%s: %d (function, point) pairs (%d redrawn: overflowing or flat); exact gradient: %d false"
              + " failures, %d of %d entries inconclusive (%.2f%%); injected relative error %.0e:"
              + " %d of %d caught (%.2f%%); exact-gradient outcomes %s, %d coarse passes;"
              + " resolution of passes: median %.1e, 99%% %.1e, 99.9%% %.1e, max %.1e",
          precision,
          pairs,
          skipped,
          falseFailures.size(),
          inconclusive,
          entries,
          100.0 * inconclusive / entries,
          injected,
          detected,
          injectedPairs,
          100.0 * detectionRate(),
          outcomes,
          coarse,
          resolutionQuantile(0.5),
          resolutionQuantile(0.99),
          resolutionQuantile(0.999),
          resolutionQuantile(1.0));
    }
  }
}
