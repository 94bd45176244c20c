package dev.gradcheck.samples.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Verdict;
import dev.gradcheck.junit.GradCheck;
import org.junit.jupiter.api.Test;

/** Checks the elementwise activations with respect to their input, kinks included. */
class ActivationTests {

  @GradCheck(points = 3)
  void relu(GradientCheck check) {
    Relu layer = new Relu();
    double[] x = check.arrays().gaussian(3 * 4);
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }

  /** Inputs exactly at the kink: the subgradient 0 lies between the one-sided derivatives. */
  @GradCheck
  void reluAtTheKink(GradientCheck check) {
    Relu layer = new Relu();
    double[] x = check.arrays().gaussian(3 * 4);
    x[1] = 0;
    x[6] = 0;
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }

  @Test
  void reluAtTheKinkIsReportedAsAKink() {
    Relu layer = new Relu();
    double[] x = {0.5, 0, -1.5, 0, 2};
    double[] dx = new double[x.length];
    CheckResult result =
        GradientCheck.create()
            .seed(7)
            .param("x", x, dx)
            .output(() -> layer.forward(x))
            .backward(dy -> layer.backward(dy, dx))
            .run();
    assertThat(result.passed()).isTrue();
    assertThat(result.parameter("x").entries())
        .extracting(e -> e.verdict())
        .containsExactly(Verdict.PASS, Verdict.KINK, Verdict.PASS, Verdict.KINK, Verdict.PASS);
  }

  @GradCheck(points = 3)
  void leakyRelu(GradientCheck check) {
    LeakyRelu layer = new LeakyRelu(0.1);
    double[] x = check.arrays().gaussian(3 * 4);
    x[2] = 0;
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }

  @GradCheck(points = 3)
  void sigmoid(GradientCheck check) {
    Sigmoid layer = new Sigmoid();
    double[] x = check.arrays().uniform(-6, 6, 3 * 4);
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }

  @GradCheck(points = 3)
  void tanh(GradientCheck check) {
    Tanh layer = new Tanh();
    double[] x = check.arrays().uniform(-3, 3, 3 * 4);
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }

  @GradCheck(points = 3)
  void gelu(GradientCheck check) {
    Gelu layer = new Gelu();
    double[] x = check.arrays().uniform(-4, 4, 3 * 4);
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }
}
