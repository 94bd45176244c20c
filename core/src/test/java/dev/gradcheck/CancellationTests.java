package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A forward whose output is far smaller than the values it cancels on the way rounds at their
 * scale, not at the output's: commons-math3's sigmoid {@code lo + (hi - lo) s} with {@code lo} near
 * 1e5 returns about 100 on a grid of 3e-11, a thousand times the output's own rounding. Along a
 * power-of-two step of {@code hi} that grid can stay in step with the probe, so that the rounding
 * follows a straight line and the noise probe reads zero, while the entry's difference quotients
 * settle on a rounded plateau 3e-7 off. A correct gradient must not fail there.
 */
class CancellationTests {

  /** {@code lo + (hi - lo) / (1 + e^-x)}, as commons-math3's {@code Sigmoid.Parametric} has it. */
  private static CheckResult sigmoid(double lo0, double hi0, double x, long seed, double wrongBy) {
    double[] lo = {lo0};
    double[] hi = {hi0};
    double[] dlo = new double[1];
    double[] dhi = new double[1];
    double s = 1 / (1 + Math.exp(-x));
    return GradientCheck.create()
        .seed(seed)
        .param("lo", lo, dlo)
        .param("hi", hi, dhi)
        .loss(() -> lo[0] + (hi[0] - lo[0]) * s)
        .backward(
            () -> {
              dlo[0] = 1 - s;
              dhi[0] = s * (1 + wrongBy);
            })
        .run();
  }

  /** The case of docs/commons-math3-parametric.md: hi's probe read zero noise and hi failed. */
  @Test
  void roundingInStepWithTheProbeIsNotAFalseFailure() {
    CheckResult result =
        sigmoid(-199612.43003932858, 0.027326585865158234, 7.217953989959261, 113, 0);

    assertThat(result.count(Verdict.FAIL)).as(Report.text(result)).isZero();
  }

  /**
   * Large bounds and a small output, 2,000 draws: no correct gradient fails; a 1e-3 error, a
   * thousand times what the rounding blurs, never passes and fails nearly everywhere (before the
   * probe looked off the power-of-two grid: 4 false failures, 1,655 caught).
   */
  @Test
  void largeCancellationsNeverFailACorrectGradient() {
    int draws = 2000;
    int falseFailures = 0;
    int passed = 0;
    int caught = 0;
    int wrongPassed = 0;
    for (int k = 0; k < draws; k++) {
      Random r = new Random(k);
      double lo =
          (r.nextBoolean() ? 1 : -1) * Math.exp(Math.log(1e3) + Math.log(1e3) * r.nextDouble());
      double hi =
          (r.nextBoolean() ? 1 : -1) * Math.exp(Math.log(1e-6) + Math.log(1e6) * r.nextDouble());
      double x = 2 + 6 * r.nextDouble();
      CheckResult correct = sigmoid(lo, hi, x, k, 0);
      falseFailures += correct.count(Verdict.FAIL);
      passed += correct.passed() ? 1 : 0;
      CheckResult wrong = sigmoid(lo, hi, x, k, 1e-3);
      caught += wrong.parameter("hi").count(Verdict.FAIL);
      wrongPassed += wrong.passed() ? 1 : 0;
    }
    System.out.printf(
        "cancellation: %d false failures, %d of %d passed; 1e-3 error caught in %d of %d, passed in"
            + " %d%n",
        falseFailures, passed, draws, caught, draws, wrongPassed);
    assertThat(falseFailures).isZero();
    assertThat(passed).isGreaterThanOrEqualTo(draws * 99 / 100);
    assertThat(wrongPassed).isZero();
    assertThat(caught).isGreaterThanOrEqualTo(draws * 995 / 1000);
  }

  /**
   * Least-squares residuals {@code c + A e^(-k t_i) - y_i} with {@code c} near 1e6 and data that
   * fit: each residual is about 1e-3, on 1e6's grid of 1.2e-10. Only some output entries' series
   * lock to the probe's spacing, not their weighted sum; judged on a noise of zero, one Jacobian
   * entry failed on the staircase of rounded quotients at tiny steps (4 of 500 draws).
   */
  @Test
  void largeOffsetsInAResidualNeverFailACorrectJacobian() {
    int draws = 500;
    int falseFailures = 0;
    int caught = 0;
    for (long seed = 1; seed <= draws; seed++) {
      falseFailures += offsetResiduals(seed, 0).count(Verdict.FAIL);
      caught += offsetResiduals(seed, 1e-3).passed() ? 0 : 1;
    }
    System.out.printf(
        "offset residuals: %d false failures in %d draws; ∂r/∂A 1e-3 wrong caught in %d%n",
        falseFailures, draws, caught);
    assertThat(falseFailures).isZero();
    assertThat(caught).isEqualTo(draws);
  }

  private static CheckResult offsetResiduals(long seed, double wrongBy) {
    Random r = new Random(seed);
    int m = 8;
    double[] t = new double[m];
    double[] y = new double[m];
    double a = 10 * (1 + 0.3 * r.nextGaussian());
    double k = 0.5 * (1 + 0.3 * r.nextGaussian());
    double c = 1e6 * (1 + 0.1 * r.nextGaussian());
    for (int i = 0; i < m; i++) {
      t[i] = 0.5 * i;
      y[i] = c + a * Math.exp(-k * t[i]) + 1e-3 * r.nextGaussian();
    }
    double[] theta = {
      a * (1 + 0.05 * r.nextGaussian()),
      k * (1 + 0.05 * r.nextGaussian()),
      c + 0.1 * r.nextGaussian()
    };
    return GradientCheck.create()
        .seed(seed)
        .param("theta", theta)
        .output(
            () -> {
              double[] out = new double[m];
              for (int i = 0; i < m; i++) {
                out[i] = theta[2] + theta[0] * Math.exp(-theta[1] * t[i]) - y[i];
              }
              return out;
            })
        .jacobian(
            () -> {
              double[][] jacobian = new double[m][3];
              for (int i = 0; i < m; i++) {
                double e = Math.exp(-theta[1] * t[i]);
                jacobian[i][0] = e * (1 + wrongBy);
                jacobian[i][1] = -theta[0] * t[i] * e;
                jacobian[i][2] = 1;
              }
              return jacobian;
            })
        .run();
  }

  /**
   * Softmax cross-entropy of a confidently classified batch with the textbook stable forward {@code
   * m + log(Σ exp(z - m)) - z[y]}: {@code 1 + e^-40} rounds to 1, so the loss is exactly 0 at every
   * step, while the correct gradient is about 1e-18. No step could show a change that small; the
   * check said "the loss does not depend on 'z'" and failed (red team, 28 of 300 batches at logit
   * scale 50). Nothing is verified either way: inconclusive, saying why.
   */
  @Test
  void aLossRoundedToExactlyZeroDoesNotAccuseATinyGradient() {
    int batch = 2;
    int classes = 3;
    double[] z = {40, 0, -5, -2, 45, 1};
    double[] dz = new double[z.length];
    int[] labels = {0, 1};
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("z", z, dz, batch, classes)
            .loss(
                () -> {
                  double loss = 0;
                  for (int i = 0; i < batch; i++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < classes; j++) {
                      m = Math.max(m, z[i * classes + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < classes; j++) {
                      sum += Math.exp(z[i * classes + j] - m);
                    }
                    loss += m + Math.log(sum) - z[i * classes + labels[i]];
                  }
                  return loss / batch;
                })
            .backward(
                () -> {
                  for (int i = 0; i < batch; i++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < classes; j++) {
                      m = Math.max(m, z[i * classes + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < classes; j++) {
                      sum += Math.exp(z[i * classes + j] - m);
                    }
                    for (int j = 0; j < classes; j++) {
                      double p = Math.exp(z[i * classes + j] - m) / sum;
                      dz[i * classes + j] = (p - (j == labels[i] ? 1 : 0)) / batch;
                    }
                  }
                })
            .run();

    String report = Report.text(result);
    assertThat(result.count(Verdict.FAIL)).as(report).isZero();
    assertThat(result.diagnoses()).as(report).isEmpty();
    assertThat(result.outcome()).isIn(Outcome.INCONCLUSIVE, Outcome.INCOMPLETE);
    assertThat(report).contains("did not change at any step", "below what its rounding shows");
  }

  /**
   * The other side of the rule above: a gradient written for an entry the loss does not read is a
   * bug, however large another entry of the parameter is (a scale of 1e8 there once made the excuse
   * a billion ulps wide, and the check passed).
   */
  @Test
  void aGradientForAnEntryTheLossDoesNotReadStillFails() {
    int n = 20;
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + 0.01 * i;
    }
    w[n - 1] = 1e8;
    double[] dw = new double[n];
    CheckResult result =
        GradientCheck.create()
            .seed(4)
            .param("w", w, dw)
            .loss(
                () -> {
                  double sum = 1e-8 * w[n - 1];
                  for (int i = 1; i < n - 1; i++) {
                    sum += w[i] * w[i];
                  }
                  return sum;
                })
            .backward(
                () -> {
                  java.util.Arrays.fill(dw, 0);
                  for (int i = 1; i < n - 1; i++) {
                    dw[i] = 2 * w[i];
                  }
                  dw[n - 1] = 1e-8;
                  dw[0] = 1e-3; // the bug: a gradient for an entry the loss never reads
                })
            .run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.FAILED);
    assertThat(result.parameter("w").entries().get(0).verdict()).isEqualTo(Verdict.FAIL);
  }
}
