package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tolerances, inconclusive entries, the pass/fail decision, failures and reproducibility. */
class VerdictTests {

  /** Checks the smooth loss with a gradient whose entry 1 is off by the given relative error. */
  private static CheckResult withRelativeError(double error, GradientCheck check) {
    double[] x = SmoothLoss.point(4);
    double[] dx = new double[4];
    return check
        .seed(8)
        .param("x", x, dx)
        .loss(() -> SmoothLoss.value(x))
        .backward(
            () -> {
              System.arraycopy(SmoothLoss.gradient(x), 0, dx, 0, 4);
              dx[1] *= 1 + error;
            })
        .run();
  }

  @Test
  void relativeErrorOfOneThousandthFailsByDefault() {
    CheckResult result = withRelativeError(1e-3, GradientCheck.create());

    assertThat(result.passed()).isFalse();
    EntryResult entry = result.parameter("x").entries().get(1);
    assertThat(entry.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(entry.relativeError())
        .isCloseTo(1e-3, org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void userRelativeToleranceOverridesTheEstimate() {
    CheckResult result = withRelativeError(1e-3, GradientCheck.create().relativeTolerance(1e-2));

    assertThat(result.passed()).as(Report.text(result)).isTrue();
    EntryResult entry = result.parameter("x").entries().get(1);
    assertThat(entry.verdict()).isEqualTo(Verdict.PASS);
    // The allowed difference is the user's: 1e-2 of the entry's magnitude.
    assertThat(entry.allowed())
        .isCloseTo(
            1e-2 * Math.max(Math.abs(entry.analytic()), Math.abs(entry.numeric())),
            org.assertj.core.data.Percentage.withPercentage(1e-6));
  }

  @Test
  void userAbsoluteToleranceOverridesTheEstimate() {
    double[] x = SmoothLoss.point(3);
    double[] dx = new double[3];
    CheckResult strict = check(x, dx, 1e-3, GradientCheck.create());
    CheckResult lenient = check(x, dx, 1e-3, GradientCheck.create().absoluteTolerance(1e-2));
    CheckResult tooStrict = check(x, dx, 1e-3, GradientCheck.create().absoluteTolerance(1e-4));

    assertThat(strict.parameter("x").entries().get(0).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(lenient.passed()).as(Report.text(lenient)).isTrue();
    assertThat(lenient.parameter("x").entries().get(0).allowed()).isEqualTo(1e-2);
    assertThat(tooStrict.parameter("x").entries().get(0).verdict()).isEqualTo(Verdict.FAIL);
  }

  private static CheckResult check(double[] x, double[] dx, double offset, GradientCheck check) {
    return check
        .seed(8)
        .param("x", x, dx)
        .loss(() -> SmoothLoss.value(x))
        .backward(
            () -> {
              System.arraycopy(SmoothLoss.gradient(x), 0, dx, 0, x.length);
              dx[0] += offset;
            })
        .run();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {-1e-3, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void invalidTolerancesAreRejected(double tolerance) {
    assertThatThrownBy(() -> GradientCheck.create().relativeTolerance(tolerance))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("relativeTolerance")
        .hasMessageContaining(Double.toString(tolerance));
    assertThatThrownBy(() -> GradientCheck.create().absoluteTolerance(tolerance))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absoluteTolerance")
        .hasMessageContaining(Double.toString(tolerance));
  }

  @Test
  void zeroToleranceIsAllowed() {
    assertThatNoException()
        .isThrownBy(() -> GradientCheck.create().relativeTolerance(0).absoluteTolerance(0));
  }

  /** {@code Σ sin(x_k) + x_k²} over the finite entries. */
  private static CheckResult skippingNaN(double[] x) {
    double[] dx = new double[x.length];
    return GradientCheck.create()
        .seed(4)
        .param("x", x, dx)
        .loss(
            () -> {
              double sum = 0;
              for (double v : x) {
                sum += Double.isNaN(v) ? 0 : Math.sin(v) + v * v;
              }
              return sum;
            })
        .backward(
            () -> {
              for (int i = 0; i < x.length; i++) {
                dx[i] = Double.isNaN(x[i]) ? 0 : Math.cos(x[i]) + 2 * x[i];
              }
            })
        .run();
  }

  @Test
  void entryWithNaNValueIsInconclusiveWithANote() {
    CheckResult result = skippingNaN(new double[] {0.5, Double.NaN, -0.75});

    EntryResult nan = result.parameter("x").entries().get(1);
    assertThat(nan.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(nan.label()).isEqualTo("x[1]");
    assertThat(nan.note()).contains("x[1]").contains("NaN");
    assertThat(nan.numeric()).isNaN();
    assertThat(result.count(Verdict.PASS)).isEqualTo(2);
    // Inconclusive is neither pass nor fail, but 2 of 3 verified is below the default coverage.
    assertThat(result.outcome()).isEqualTo(Outcome.INCOMPLETE);
    assertThat(result.parameter("x").coverage()).isEqualTo(2.0 / 3);
    assertThat(Verdict.INCONCLUSIVE.verified()).isFalse();
  }

  /** The note of an inconclusive entry says why; the rendered result must carry it. */
  @Test
  void renderedResultSaysWhyAnEntryIsInconclusive() {
    CheckResult result = skippingNaN(new double[] {0.5, -0.75, 1.25, 0.3, -2.5, 1.75, Double.NaN});

    EntryResult nan = result.parameter("x").entries().get(6);
    assertThat(nan.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Report.text(result)).contains(nan.note());
  }

  @Test
  void checkInWhichEveryEntryIsInconclusiveDoesNotPass() {
    CheckResult result = skippingNaN(new double[] {Double.NaN, Double.NaN});

    assertThat(result.count(Verdict.INCONCLUSIVE)).isEqualTo(2);
    assertThat(result.violations()).isEmpty();
    assertThat(result.count(Verdict.FAIL)).isZero();
    assertThat(result.passed()).isFalse();
    assertThat(result.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(Report.text(result).lines().findFirst().orElseThrow())
        .isEqualTo(
            "gradient check inconclusive: none of 2 entries of 'x' verified; 2 inconclusive");
    assertThatThrownBy(result::assertPassed).isInstanceOf(GradientCheckFailure.class);
  }

  @Test
  void noisyForwardIsInconclusiveNotFailed() {
    // Deterministic, but as erratic as a stochastic forward at the scale of a step.
    double[] x = {0.5, -1.2};
    double[] dx = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(4)
            .param("x", x, dx)
            .loss(() -> Math.sin(x[0]) + x[1] * x[1] + 0.05 * hashNoise(x))
            .backward(
                () -> {
                  dx[0] = 2 * Math.cos(x[0]); // wrong by a factor 2
                  dx[1] = 2 * x[1];
                })
            .run();

    assertThat(result.count(Verdict.FAIL)).as(Report.text(result)).isZero();
    assertThat(result.count(Verdict.INCONCLUSIVE)).isPositive();
    assertThat(result.parameter("x").entries())
        .filteredOn(e -> e.verdict() == Verdict.INCONCLUSIVE)
        .allSatisfy(e -> assertThat(e.note()).contains("noise"));
    assertThat(result.noise()).isGreaterThan(1e-3);
  }

  /** A pseudo-random value in [-0.5, 0.5) determined by the exact bits of the point. */
  private static double hashNoise(double[] x) {
    long h = 0x9E3779B97F4A7C15L;
    for (double v : x) {
      h = (h ^ Double.doubleToLongBits(v)) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    return (h >>> 11) * 0x1.0p-53 - 0.5;
  }

  @Test
  void assertPassedThrowsAFailureCarryingTheResult() {
    CheckResult result = withRelativeError(0.5, GradientCheck.create());

    GradientCheckFailure failure =
        catchThrowableOfType(GradientCheckFailure.class, result::assertPassed);

    assertThat(failure).isInstanceOf(AssertionError.class);
    assertThat(failure.getMessage()).isEqualTo(Report.text(result));
    assertThat(failure.result()).isSameAs(result);
    assertThat(result.toString())
        .startsWith("CheckResult[FAILED, loss gradient")
        .endsWith(", seed 0x%XL]".formatted(result.seed()));
  }

  @Test
  void assertPassedIsSilentOnAPassingResult() {
    CheckResult result = withRelativeError(0, GradientCheck.create());

    assertThat(result.passed()).isTrue();
    assertThatNoException().isThrownBy(result::assertPassed);
  }

  @Test
  void verifyThrowsOnFailureOnly() {
    double[] x = {0.5};
    double[] dx = new double[1];
    assertThatNoException()
        .isThrownBy(
            () ->
                GradientCheck.create()
                    .param("x", x, dx)
                    .loss(() -> x[0] * x[0])
                    .backward(() -> dx[0] = 2 * x[0])
                    .verify());
    GradientCheckFailure failure =
        catchThrowableOfType(
            GradientCheckFailure.class,
            () ->
                GradientCheck.create()
                    .param("x", x, dx)
                    .loss(() -> x[0] * x[0])
                    .backward(() -> dx[0] = -2 * x[0])
                    .verify());
    assertThat(failure.result().parameter("x").entries().get(0).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(failure.getMessage()).contains("'x'").contains("x[0]");
  }

  @Test
  void failureTraceStartsInTheCallersCode() {
    double[] x = {0.5};
    double[] dx = new double[1];
    GradientCheck check =
        GradientCheck.create()
            .param("x", x, dx)
            .loss(() -> x[0] * x[0])
            .backward(() -> dx[0] = -2 * x[0]);
    GradientCheckFailure failure = null;
    try {
      check.verify();
    } catch (GradientCheckFailure thrown) {
      failure = thrown;
    }
    assertThat(failure).isNotNull();
    assertThat(failure.getStackTrace()[0].getMethodName())
        .isEqualTo("failureTraceStartsInTheCallersCode");
    assertThat(failure.getStackTrace())
        .noneMatch(f -> f.getClassName().startsWith("dev.gradcheck.internal."))
        .noneMatch(f -> f.getClassName().equals(GradientCheck.class.getName()));
  }

  @Test
  void declarationSiteIsTheCallerOfTheFirstParam() {
    GradientCheck check = GradientCheck.create();
    assertThat(check.declarationSite()).isEmpty();
    check.param("x", new double[1], new double[1]);
    StackTraceElement top = check.declarationSite()[0];
    assertThat(top.getClassName()).isEqualTo(VerdictTests.class.getName());
    assertThat(top.getMethodName()).isEqualTo("declarationSiteIsTheCallerOfTheFirstParam");
  }

  @Test
  void sameSeedGivesTheSameCheck() {
    CheckResult a = new OutputModeTests.Dense(3, 2, 2).check(matrixOutput(), 0x5A3C91L);
    CheckResult b = new OutputModeTests.Dense(3, 2, 2).check(matrixOutput(), 0x5A3C91L);
    CheckResult c = new OutputModeTests.Dense(3, 2, 2).check(matrixOutput(), 0x5A3C92L);

    assertThat(a.seed()).isEqualTo(0x5A3C91L);
    assertThat(b.evaluations()).isEqualTo(a.evaluations());
    assertThat(b.noise()).isEqualTo(a.noise());
    assertThat(numbers(b)).containsExactlyElementsOf(numbers(a));
    // The numbers depend on the seed through the upstream gradient.
    assertThat(numbers(c)).isNotEqualTo(numbers(a));
    assertThat(Report.text(a)).contains("0x5A3C91");
  }

  private static OutputModeTests.Output matrixOutput() {
    return new OutputModeTests.Output("double[][]", 2, y -> y);
  }

  private static List<Double> numbers(CheckResult result) {
    return result.parameters().stream()
        .flatMap(p -> p.entries().stream())
        .flatMap(e -> java.util.stream.Stream.of(e.analytic(), e.numeric(), e.numericError()))
        .toList();
  }

  @Test
  void randomIsDeterministicForASeed() {
    GradientCheck a = GradientCheck.create().seed(99);
    GradientCheck b = GradientCheck.create().seed(99);
    GradientCheck c = GradientCheck.create().seed(100);

    long[] fromA = a.random().longs(5).toArray();
    assertThat(b.random().longs(5).toArray()).containsExactly(fromA);
    assertThat(c.random().longs(5).toArray()).isNotEqualTo(fromA);
    assertThat(a.random()).isSameAs(a.random());
  }

  @Test
  void seedIsChosenOnceWhenNotSet() {
    GradientCheck check = GradientCheck.create();
    long seed = check.seed();
    assertThat(check.seed()).isEqualTo(seed);
    double[] x = {0.5};
    double[] dx = new double[1];
    CheckResult result =
        check.param("x", x, dx).loss(() -> x[0] * x[0]).backward(() -> dx[0] = 2 * x[0]).run();
    assertThat(result.seed()).isEqualTo(seed);
  }

  @Test
  void aLooseUserToleranceDoesNotMakeCorrectCodeFail() {
    for (double rtol : new double[] {0.05, 0.2, 0.5}) {
      double[] w = {0.3, -0.2, 0.9};
      double[] dw = new double[3];
      CheckResult result =
          GradientCheck.create()
              .relativeTolerance(rtol)
              .param("w", w, dw)
              .loss(() -> Math.exp(w[0]) + Math.exp(w[1]) + Math.exp(w[2]))
              .backward(
                  () -> {
                    for (int i = 0; i < 3; i++) {
                      dw[i] = Math.exp(w[i]);
                    }
                  })
              .run();
      assertThat(result.passed()).as("rtol %s%n%s", rtol, Report.text(result)).isTrue();
    }
  }
}
