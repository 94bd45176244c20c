package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cases an independent review found, each a false alarm or a missed bug before it was fixed. */
class ReviewFindingsTests {

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

  @Test
  void anOutputWhoseRowsAreReplacedIsReadAfresh() {
    double[] w = {0.4, -0.7, 1.1};
    double[] dw = new double[3];
    double[][] out = new double[2][];
    CheckResult result =
        GradientCheck.create()
            .param("w", w, dw)
            .output(
                () -> {
                  out[0] = new double[] {w[0] * w[1], w[2]};
                  out[1] = new double[] {Math.sin(w[0]), w[1] + w[2]};
                  return out;
                })
            .backward(
                dy -> {
                  dw[0] = dy[0][0] * w[1] + dy[1][0] * Math.cos(w[0]);
                  dw[1] = dy[0][0] * w[0] + dy[1][1];
                  dw[2] = dy[0][1] + dy[1][1];
                })
            .run();
    assertThat(result.passed()).as(Report.text(result)).isTrue();
  }

  @Test
  void anInvalidOutputIsAPlainIllegalArgumentException() {
    double[] w = {1};
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                GradientCheck.create()
                    .param("w", w, new double[1])
                    .output(() -> (double[]) null)
                    .backward(dy -> {})
                    .run())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  @Test
  void aDirectBufferAndItsDuplicateAreTheSameStorage() {
    java.nio.FloatBuffer p = java.nio.ByteBuffer.allocateDirect(12).asFloatBuffer();
    p.put(0, 0.5f).put(1, -1.5f).put(2, 2.5f);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> GradientCheck.create().param("p", p, p.duplicate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gradient of 'p' shares its storage with parameter 'p'");
    assertThat(new float[] {p.get(0), p.get(1), p.get(2)}).containsExactly(0.5f, -1.5f, 2.5f);
    // Separate direct buffers are fine.
    java.nio.FloatBuffer dp = java.nio.ByteBuffer.allocateDirect(12).asFloatBuffer();
    GradientCheck.create().param("p", p, dp);
    assertThat(p.get(1)).isEqualTo(-1.5f);
  }

  @Test
  void aBackwardThatReplacesRowsIsReportedAsSuch() {
    double[][] x = {{0.5, -1.0}, {2.0, 0.25}};
    double[][] dx = new double[2][2];
    CheckResult result =
        GradientCheck.create()
            .param("x", x, dx)
            .loss(() -> x[0][0] * x[0][1] + x[1][0] * x[1][1])
            .backward(
                () -> {
                  dx[0] = new double[] {x[0][1], x[0][0]}; // a new row, not written into dx[0]
                  dx[1] = new double[] {x[1][1], x[1][0]};
                })
            .run();
    assertThat(result.passed()).isFalse();
    assertThat(result.violations())
        .singleElement()
        .isEqualTo(new ContractViolation.ReplacedRow("gradient of 'x'", "x[0]", "backward"));
    assertThat(result.diagnoses()).isEmpty();
    assertThat(Report.text(result)).contains("backward replaces a row of the gradient of 'x'");
  }
}
