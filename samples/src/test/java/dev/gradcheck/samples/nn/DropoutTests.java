package dev.gradcheck.samples.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import dev.gradcheck.junit.GradCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks {@link Dropout} with a mask seeded from the check, and what happens without one. */
class DropoutTests {

  @GradCheck(points = 3)
  void dropout(GradientCheck check) {
    Dropout layer = new Dropout(0.5, check.random());
    double[] x = check.arrays().gaussian(3 * 4);
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }

  @Test
  void theMaskChangesOnlyWhenResampled() {
    Dropout layer = new Dropout(0.5, new Random(1));
    double[] x = new double[64];
    java.util.Arrays.fill(x, 1);
    double[] first = layer.forward(x).clone();
    assertThat(layer.forward(x)).containsExactly(first);
    layer.resample();
    assertThat(layer.forward(x)).isNotEqualTo(first).containsOnly(0.0, 2.0);
  }

  /**
   * A mask redrawn on every forward is named as a nondeterministic forward, not a wrong gradient.
   */
  @Test
  void aFreshMaskPerForwardIsCaughtAsNondeterminism() {
    Dropout layer = new Dropout(0.5, new Random(2));
    double[] x = new Random(3).doubles(12).toArray();
    double[] dx = new double[x.length];
    CheckResult result =
        GradientCheck.create()
            .seed(5)
            .param("x", x, dx)
            .output(
                () -> {
                  layer.resample();
                  return layer.forward(x);
                })
            .backward(dy -> layer.backward(dy, dx))
            .run();
    assertThat(result.passed()).isFalse();
    assertThat(Report.text(result)).startsWith("gradient check failed: nondeterministic forward");
    assertThat(result.violations())
        .first()
        .isInstanceOf(ContractViolation.NondeterministicForward.class);
  }
}
