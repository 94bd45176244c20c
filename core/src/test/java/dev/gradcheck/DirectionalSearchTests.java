package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Large parameters are checked along random directions, and a wrong entry is found by splitting
 * them: a small fraction of the evaluations an exhaustive check needs.
 */
class DirectionalSearchTests {

  private static final int ROWS = 250;
  private static final int COLS = 200;

  /** {@code L(w) = Σ c_i tanh(w_i)} over a flat row-major {@code ROWS x COLS} parameter. */
  private static final class Model {
    final double[] w = new double[ROWS * COLS];
    final double[] c = new double[ROWS * COLS];
    final double[] dw = new double[ROWS * COLS];

    Model(long seed) {
      Random random = new Random(seed);
      for (int i = 0; i < w.length; i++) {
        w[i] = random.nextGaussian();
        c[i] = 0.5 + random.nextDouble();
      }
    }

    double loss() {
      double s = 0;
      for (int i = 0; i < w.length; i++) {
        s += c[i] * Math.tanh(w[i]);
      }
      return s;
    }

    void backward() {
      for (int i = 0; i < w.length; i++) {
        double t = Math.tanh(w[i]);
        dw[i] = c[i] * (1 - t * t);
      }
    }
  }

  private static CheckResult check(Model model, Runnable backward, long seed) {
    return GradientCheck.create()
        .seed(seed)
        .param("W", model.w, model.dw, ROWS, COLS)
        .loss(model::loss)
        .backward(backward)
        .run();
  }

  @Test
  void oneWrongEntryInFiftyThousandIsNamedInUnderOnePercentOfAnExhaustiveCheck() {
    for (long seed = 1; seed <= 3; seed++) {
      Model model = new Model(seed);
      int wrong = 123 * COLS + 45;
      CheckResult result =
          check(
              model,
              () -> {
                model.backward();
                model.dw[wrong] *= 1 + 1e-4;
              },
              seed);
      long exhaustive = 4L * ROWS * COLS;
      System.out.printf(
          Locale.ROOT,
          "50,000 entries, one wrong by 1e-4 (seed %d): %d evaluations, %.3f%% of an exhaustive"
              + " check's %d%n",
          seed,
          result.evaluations(),
          100.0 * result.evaluations() / exhaustive,
          exhaustive);
      assertThat(result.passed()).isFalse();
      ParameterResult w = result.parameter("W");
      assertThat(w.entries())
          .filteredOn(e -> e.verdict() == Verdict.FAIL)
          .extracting(EntryResult::label)
          .containsExactly("W[123][45]");
      assertThat(w.coveredByDirections()).isGreaterThan(ROWS * COLS - 100);
      assertThat(result.evaluations()).isLessThan(exhaustive / 100);
      assertThat(Report.text(result)).contains("W[123][45]");
      assertThat(Report.text(result).lines().findFirst().orElseThrow())
          .startsWith("gradient of 'W' is wrong: 1 of 50000 entries disagree (")
          .contains("checked alone)");
    }
  }

  /**
   * The last column of a 64 x 192 gradient left at zero, searched along directions: the search
   * stops at its limit of failing entries judged alone with more in disagreeing directions, so the
   * count of wrong entries is a lower bound and "every other entry is right" is not claimed.
   */
  @Test
  void aCountLimitedBySearchIsALowerBoundAndNothingUnverifiedIsCalledRight() {
    int rows = 64;
    int cols = 192;
    double[] w = new double[rows * cols];
    double[] dw = new double[rows * cols];
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextGaussian();
    }
    CheckResult result =
        GradientCheck.create()
            .seed(3)
            .mode(CheckMode.DIRECTIONAL)
            .param("W1", w, dw, rows, cols)
            .loss(
                () -> {
                  double s = 0;
                  for (double v : w) {
                    s += Math.sin(v);
                  }
                  return s;
                })
            .backward(
                () -> {
                  for (int i = 0; i < w.length; i++) {
                    dw[i] = i % cols == cols - 1 ? 0 : Math.cos(w[i]);
                  }
                })
            .run();

    ParameterResult p = result.parameter("W1");
    int wrong = p.count(Verdict.FAIL);
    assertThat(p.unresolved()).isPositive();
    assertThat(wrong).isLessThan(rows);
    String text = Report.text(result);
    assertThat(text.lines().findFirst().orElseThrow())
        .startsWith("gradient of 'W1' is wrong: at least " + wrong + " of 12288 entries disagree");
    assertThat(result.diagnoses().get(0).summary())
        .doesNotContain("every other entry is right")
        .contains("entries were not verified");
  }

  @Test
  void correctLargeParameterPassesAlongDirections() {
    Model model = new Model(7);
    CheckResult result = check(model, model::backward, 7);
    assertThat(result.passed()).isTrue();
    assertThat(result.parameter("W").coveredByDirections()).isEqualTo(ROWS * COLS);
    assertThat(result.parameter("W").entries()).isEmpty();
    assertThat(result.evaluations()).isLessThan(200);
    assertThat(Report.text(result)).contains("50000 along directions");
  }

  @Test
  void wholeParameterBugIsDiagnosedFromTheEntriesCheckedAlone() {
    Model model = new Model(3);
    CheckResult result =
        check(
            model,
            () -> {
              model.backward();
              for (int i = 0; i < model.dw.length; i++) {
                model.dw[i] *= 0.5;
              }
            },
            3);
    assertThat(result.passed()).isFalse();
    assertThat(result.parameter("W").count(Verdict.FAIL)).isBetween(1, 32);
    assertThat(result.diagnoses().get(0).shape())
        .isInstanceOfSatisfying(
            BugShape.Scaled.class,
            s -> assertThat(s.ratio()).map(BugShape.Ratio::toString).contains("1/2"));
    assertThat(result.evaluations()).isLessThan(1000);
  }

  @Test
  void exhaustiveModeChecksEveryEntryOfALargeParameter() {
    double[] w = new double[3000];
    double[] dw = new double[3000];
    CheckResult result =
        GradientCheck.create()
            .mode(CheckMode.EXHAUSTIVE)
            .param("w", w, dw)
            .loss(
                () -> {
                  double s = 0;
                  for (double v : w) {
                    s += Math.sin(v);
                  }
                  return s;
                })
            .backward(
                () -> {
                  for (int i = 0; i < w.length; i++) {
                    dw[i] = Math.cos(w[i]);
                  }
                })
            .run();
    assertThat(result.parameter("w").checked()).isEqualTo(3000);
    assertThat(result.parameter("w").coveredByDirections()).isZero();
    assertThat(result.passed()).isTrue();
  }

  @Test
  void budgetLeavesEntriesUncheckedAndSaysSo() {
    double[] w = new double[500];
    double[] dw = new double[500];
    CheckResult result =
        GradientCheck.create()
            .maxEvaluations(400)
            .param("w", w, dw)
            .loss(
                () -> {
                  double s = 0;
                  for (double v : w) {
                    s += v * v * v;
                  }
                  return s;
                })
            .backward(
                () -> {
                  for (int i = 0; i < w.length; i++) {
                    dw[i] = 3 * w[i] * w[i];
                  }
                })
            .run();
    ParameterResult p = result.parameter("w");
    assertThat(p.unchecked()).isPositive();
    assertThat(p.checked() + p.unchecked()).isEqualTo(500);
    assertThat(result.evaluations()).isLessThanOrEqualTo(420);
    assertThat(Report.text(result)).contains("unchecked").contains("budget");
  }

  @Test
  void floatParametersAlongDirections() {
    float[] w = new float[4000];
    float[] dw = new float[4000];
    Random random = new Random(5);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    CheckResult correct =
        GradientCheck.create()
            .param("w", w, dw)
            .loss(
                () -> {
                  float s = 0;
                  for (float v : w) {
                    s += v * v;
                  }
                  return s;
                })
            .backward(
                () -> {
                  for (int i = 0; i < w.length; i++) {
                    dw[i] = 2 * w[i];
                  }
                })
            .run();
    assertThat(correct.passed()).as(Report.text(correct)).isTrue();
    assertThat(correct.parameter("w").coveredByDirections()).isGreaterThan(3900);
  }

  @Test
  void budgetBelowWhatTheContractsNeedIsRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> GradientCheck.create().maxEvaluations(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEvaluations");
  }

  @Test
  void kinksInALargeParameterDoNotHideABugBehindThem() {
    int n = 4096;
    double[] w = new double[n];
    double[] dw = new double[n];
    Random random = new Random(3);
    for (int i = 0; i < n; i++) {
      w[i] = i % 40 == 0 ? 0 : random.nextGaussian(); // about 100 exact kinks
    }
    CheckResult result =
        GradientCheck.create()
            .seed(3)
            .param("w", w, dw)
            .loss(
                () -> {
                  double sum = 0;
                  for (double v : w) {
                    sum += Math.sin(v) + 0.3 * Math.max(0, v);
                  }
                  return sum;
                })
            .backward(
                () -> {
                  for (int i = 0; i < n; i++) {
                    dw[i] = Math.cos(w[i]) + (w[i] > 0 ? 0.3 : 0);
                  }
                  dw[n - 1] = -dw[n - 1]; // the bug, behind every kink
                })
            .run();
    assertThat(result.passed()).isFalse();
  }
}
