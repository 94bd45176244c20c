package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A check's outcome is never more than its evidence: what was not verified cannot pass, exact
 * agreement on an exactly flat function is evidence, and the most serious finding wins while the
 * others stay visible.
 */
class OutcomeTests {

  /** Eight 3-entry parameters, every gradient sign-flipped. */
  private static GradientCheck eightFlippedParameters() {
    GradientCheck check = GradientCheck.create().seed(5);
    double[][] p = new double[8][];
    double[][] dp = new double[8][];
    for (int k = 0; k < 8; k++) {
      p[k] = new double[] {0.1 * k + 0.3, -0.2 * k - 0.4, 0.05 * k + 0.7};
      dp[k] = new double[3];
      check.param("p" + k, p[k], dp[k]);
    }
    return check
        .loss(
            () -> {
              double s = 0;
              for (double[] v : p) {
                for (double x : v) {
                  s += Math.sin(x);
                }
              }
              return s;
            })
        .backward(
            () -> {
              for (int k = 0; k < 8; k++) {
                for (int i = 0; i < 3; i++) {
                  dp[k][i] = -Math.cos(p[k][i]);
                }
              }
            });
  }

  @Test
  void aBudgetThatLeavesEveryEntryUncheckedIsIncompleteNotPassed() {
    CheckResult result = eightFlippedParameters().maxEvaluations(100).run();

    assertThat(result.passed()).isFalse();
    assertThat(result.outcome()).isEqualTo(Outcome.INCOMPLETE);
    assertThat(result.parameters()).allSatisfy(p -> assertThat(p.verified()).isZero());
    String headline = Report.text(result).lines().findFirst().orElseThrow();
    assertThat(headline)
        .isEqualTo(
            "gradient check incomplete: none of 24 entries of 8 parameters (p0, p1, p2, p3 and 4"
                + " more) verified; 24 unchecked: the evaluation budget ran out (raise"
                + " maxEvaluations, or lower minCoverage)");
    assertThat(Report.text(result)).contains("no entry compared");
    assertThatThrownBy(result::assertPassed).isInstanceOf(GradientCheckFailure.class);
  }

  @Test
  void theSameCheckWithoutABudgetFails() {
    CheckResult result = eightFlippedParameters().run();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.count(Verdict.FAIL)).isEqualTo(24);
  }

  @Test
  void theBudgetIsCheckedBeforeEachEntryAndTheResultSaysHowManyWereUsed() {
    CheckResult result = eightFlippedParameters().maxEvaluations(100).run();

    // The start-up contracts and noise probes run past a budget this small; no entry starts.
    assertThat(result.evaluations()).isGreaterThanOrEqualTo(100);
    assertThat(result.parameters()).allSatisfy(p -> assertThat(p.checked()).isZero());
  }

  @Test
  void exactlyFlatEntriesPassOnExactAgreement() {
    double[] c = {-0.5, -1.5};
    double[] dc = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(3)
            .param("c", c, dc)
            .loss(() -> Math.max(0, c[0]) + Math.max(0, c[1]))
            .backward(
                () -> {
                  dc[0] = c[0] > 0 ? 1 : 0;
                  dc[1] = c[1] > 0 ? 1 : 0;
                })
            .run();

    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(result.parameter("c").entries())
        .allSatisfy(
            e -> {
              assertThat(e.verdict()).isEqualTo(Verdict.PASS);
              assertThat(e.flat()).isTrue();
              assertThat(e.resolution()).isZero();
            });
    assertThat(result.parameter("c").flat()).isTrue();
  }

  @Test
  void aWhollyFlatParameterIsSaidProminently() {
    double[] c = {-0.5, -1.5};
    double[] dc = new double[2];
    double[] w = {0.3};
    double[] dw = new double[1];
    CheckResult result =
        GradientCheck.create()
            .seed(3)
            .param("w", w, dw)
            .param("c", c, dc)
            .loss(() -> w[0] * w[0] + Math.max(0, c[0]) + Math.max(0, c[1]))
            .backward(
                () -> {
                  dw[0] = 2 * w[0];
                  dc[0] = 0;
                  dc[1] = 0;
                })
            .run();

    assertThat(result.passed()).isTrue();
    assertThat(result.parameter("w").flat()).isFalse();
    String text = Report.text(result);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).startsWith("gradient check passed");
    assertThat(lines.get(1))
        .startsWith("flat")
        .contains("the loss does not depend on 'c' at this point")
        .contains("more points may help")
        .contains("reads a copy of 'c'");
    assertThat(text).doesNotContain("does not depend on 'w'");
  }

  @Test
  void aFlatFunctionWithANonZeroAnalyticValueFails() {
    double[] c = {-0.5};
    double[] dc = new double[1];
    CheckResult result =
        GradientCheck.create()
            .seed(3)
            .param("c", c, dc)
            .loss(() -> Math.max(0, c[0]))
            .backward(() -> dc[0] = 1) // the bug: the gradient of the active side everywhere
            .run();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.parameter("c").entries().get(0).flat()).isFalse();
  }

  @Test
  void aDeadReluUnitAmongLiveOnesPasses() {
    double[] z = {0.8, -0.6, 1.3, -2.0};
    double[] dz = new double[4];
    CheckResult result =
        GradientCheck.create()
            .seed(9)
            .param("z", z, dz)
            .loss(
                () -> {
                  double s = 0;
                  for (double v : z) {
                    s += Math.max(0, v) * Math.max(0, v);
                  }
                  return s;
                })
            .backward(
                () -> {
                  for (int i = 0; i < 4; i++) {
                    dz[i] = z[i] > 0 ? 2 * z[i] : 0;
                  }
                })
            .run();

    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(result.parameter("z").entries().stream().filter(EntryResult::flat).count())
        .isEqualTo(2);
    assertThat(result.parameter("z").flat()).isFalse();
    assertThat(Report.text(result)).doesNotContain("flat");
  }

  @Test
  void aCoverageBelowTheMinimumIsIncompleteAndTheMinimumIsASetting() {
    double[] x = {0.5, Double.NaN, -0.75, 1.25};
    double[] dx = new double[4];
    CheckResult strict = nanIgnoringCheck(x, dx, GradientCheck.create().seed(2));
    CheckResult lenient = nanIgnoringCheck(x, dx, GradientCheck.create().seed(2).minCoverage(0.75));

    assertThat(strict.outcome()).isEqualTo(Outcome.INCOMPLETE);
    assertThat(strict.parameter("x").coverage()).isEqualTo(0.75);
    assertThat(Report.text(strict).lines().findFirst().orElseThrow())
        .isEqualTo(
            "gradient check incomplete: 3 of 4 entries of 'x' verified (75%, below the minimum"
                + " coverage 90%); 1 inconclusive");
    assertThat(lenient.outcome()).isEqualTo(Outcome.PASSED);
  }

  @Test
  void minCoverageMustBeAFraction() {
    assertThatThrownBy(() -> GradientCheck.create().minCoverage(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minCoverage")
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> GradientCheck.create().minCoverage(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMostSeriousFindingWinsAndTheOthersStayVisible() {
    double[] w = {0.3, -0.8};
    double[] dw = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(4)
            .param("w", w, dw)
            .loss(() -> Math.sin(w[0]) + w[1] * w[1])
            .backward(
                () -> {
                  dw[0] += Math.cos(w[0]); // accumulates: a broken contract
                  dw[1] = -2 * w[1]; // and a sign error
                })
            .run();

    assertThat(result.outcome()).isEqualTo(Outcome.CONTRACT_BROKEN);
    assertThat(result.findings()).containsExactly(Outcome.CONTRACT_BROKEN, Outcome.FAILED);
  }

  @Test
  void outcomesRankFromContractBrokenToInconclusive() {
    assertThat(Outcome.CONTRACT_BROKEN.moreSeriousThan(Outcome.FAILED)).isTrue();
    assertThat(Outcome.FAILED.moreSeriousThan(Outcome.INCOMPLETE)).isTrue();
    assertThat(Outcome.INCOMPLETE.moreSeriousThan(Outcome.INCONCLUSIVE)).isTrue();
    assertThat(Outcome.INCONCLUSIVE.moreSeriousThan(Outcome.PASSED)).isTrue();
    assertThat(Outcome.PASSED.moreSeriousThan(Outcome.INCONCLUSIVE)).isFalse();
    assertThat(Outcome.FAILED.moreSeriousThan(Outcome.FAILED)).isFalse();
  }

  private static CheckResult nanIgnoringCheck(double[] x, double[] dx, GradientCheck check) {
    return check
        .param("x", x, dx)
        .loss(
            () -> {
              double s = 0;
              for (double v : x) {
                if (!Double.isNaN(v)) {
                  s += v * v * v;
                }
              }
              return s;
            })
        .backward(
            () -> {
              for (int i = 0; i < x.length; i++) {
                dx[i] = Double.isNaN(x[i]) ? 0 : 3 * x[i] * x[i];
              }
            })
        .run();
  }

  @Test
  void aParameterWithNothingVerifiedFailsTheCheck() {
    double[] w = {0.5, 1.5};
    double[] dw = new double[2];
    double[] s = {0.123};
    double[] ds = new double[1];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("w", w, dw)
            .param("s", s, ds)
            .loss(() -> w[0] * w[0] + w[1] + 1e8 * Math.floor(s[0] * 1e3) / 1e3)
            .backward(
                () -> {
                  dw[0] = 2 * w[0];
                  dw[1] = 1;
                  ds[0] = 12345;
                })
            .run();
    assertThat(result.parameter("s").verified()).isZero();
    assertThat(result.passed()).isFalse();
    assertThat(result.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(Report.text(result))
        .startsWith("gradient check inconclusive: none of 1 entry of 's'");
  }
}
