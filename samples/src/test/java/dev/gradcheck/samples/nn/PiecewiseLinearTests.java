package dev.gradcheck.samples.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Outcome;
import dev.gradcheck.Report;
import dev.gradcheck.junit.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Piecewise-linear losses and dead units: gradients that are exactly zero over whole regions. Exact
 * agreement on an exactly flat function is evidence, so these pass; they used to come out
 * inconclusive ("could not be verified within 2.2e-308").
 */
class PiecewiseLinearTests {

  /** Hinge loss {@code Σ max(0, 1 - y·s)} over scores, many of them on the flat side. */
  @GradCheck(points = 5)
  void hinge(GradientCheck check) {
    double[] s = check.arrays().uniform(-3, 3, 12);
    double[] y = new double[s.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = check.random().nextBoolean() ? 1 : -1;
    }
    double[] ds = new double[s.length];
    check
        .param("scores", s, ds)
        .loss(
            () -> {
              double sum = 0;
              for (int i = 0; i < s.length; i++) {
                sum += Math.max(0, 1 - y[i] * s[i]);
              }
              return sum;
            })
        .backward(
            () -> {
              for (int i = 0; i < s.length; i++) {
                ds[i] = 1 - y[i] * s[i] > 0 ? -y[i] : 0;
              }
            });
  }

  /** The epsilon-insensitive loss of support vector regression: flat inside the tube. */
  @GradCheck(points = 5)
  void epsilonInsensitive(GradientCheck check) {
    double[] r = check.arrays().uniform(-1, 1, 10);
    double[] dr = new double[r.length];
    double epsilon = 0.4;
    check
        .param("residuals", r, dr)
        .loss(
            () -> {
              double sum = 0;
              for (double v : r) {
                sum += Math.max(0, Math.abs(v) - epsilon);
              }
              return sum;
            })
        .backward(
            () -> {
              for (int i = 0; i < r.length; i++) {
                dr[i] = Math.abs(r[i]) > epsilon ? Math.signum(r[i]) : 0;
              }
            });
  }

  /** The absolute loss: linear on both sides, its second derivative exactly zero. */
  @GradCheck(points = 5)
  void absolute(GradientCheck check) {
    double[] r = check.arrays().gaussian(8);
    double[] dr = new double[r.length];
    check
        .param("residuals", r, dr)
        .loss(
            () -> {
              double sum = 0;
              for (double v : r) {
                sum += Math.abs(v);
              }
              return sum;
            })
        .backward(
            () -> {
              for (int i = 0; i < r.length; i++) {
                dr[i] = Math.signum(r[i]);
              }
            });
  }

  /** A ReLU layer whose units are all dead: the output does not depend on its input. */
  @GradCheck(points = 3)
  void deadReluLayer(GradientCheck check) {
    Relu layer = new Relu();
    double[] x = check.arrays().uniform(-3, -0.5, 12);
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }

  @Test
  void aDeadLayerPassesAndSaysTheOutputDoesNotDependOnItsInput() {
    Relu layer = new Relu();
    double[] x = {-0.7, -1.2, -2.5};
    double[] dx = new double[x.length];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("x", x, dx)
            .output(() -> layer.forward(x))
            .backward(dy -> layer.backward(dy, dx))
            .run();

    assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(result.parameter("x").flat()).isTrue();
    assertThat(Report.text(result)).contains("the output does not depend on 'x' at this point");
  }
}
