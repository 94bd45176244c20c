package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A forward whose output changes shape or type between calls, even on a single call, breaks the
 * contract of a layer: it is reported with both shapes or types, never blamed on the forward
 * throwing and never passed silently.
 */
class OutputChangeTests {

  /** {@code y = (x0², x0·x1)} as the forward returns it on its n-th call. */
  private static CheckResult run(double[] x, IntFunction<Object> output) {
    int[] calls = {0};
    double[] dx = new double[2];
    return GradientCheck.create()
        .seed(4)
        .param("x", x, dx)
        .output(() -> output.apply(++calls[0]))
        .backward(
            dy -> {
              double[] u = Flat.read(dy);
              dx[0] = 2 * x[0] * u[0] + x[1] * u[1];
              dx[1] = x[0] * u[1];
            })
        .run();
  }

  private static ContractViolation.ChangedOutput changed(CheckResult result, String as) {
    assertThat(result.outcome()).as(as).isEqualTo(Outcome.CONTRACT_BROKEN);
    assertThat(result.violations())
        .as(as)
        .hasAtLeastOneElementOfType(ContractViolation.ChangedOutput.class);
    return result.violations().stream()
        .filter(ContractViolation.ChangedOutput.class::isInstance)
        .map(ContractViolation.ChangedOutput.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static double[] y(double[] x) {
    return new double[] {x[0] * x[0], x[0] * x[1]};
  }

  private static float[] asFloats(double[] y) {
    return new float[] {(float) y[0], (float) y[1]};
  }

  @Test
  void aShapeThatChangesOnASingleCallAtAPerturbedPoint() {
    double[] x = {0.5, -0.25};
    for (int at : new int[] {2, 15, 25}) {
      CheckResult result = run(x, n -> n == at ? new double[3] : y(x));

      ContractViolation.ChangedOutput v = changed(result, "call " + at);
      assertThat(v.first()).isEqualTo("double[] of shape [2]");
      assertThat(v.later()).isEqualTo("double[] of shape [3]");
      assertThat(v.describe()).contains("same type and shape").doesNotContain("forward threw");
      assertThat(Report.text(result))
          .startsWith("gradient check failed: forward changes its output's type or shape");
      assertThat(x).containsExactly(0.5, -0.25);
    }
  }

  @Test
  void aTypeThatChangesFromDoubleToFloat() {
    double[] x = {0.5, -0.25};
    for (int from : new int[] {2, 15}) {
      CheckResult result = run(x, n -> n >= from ? asFloats(y(x)) : y(x));

      ContractViolation.ChangedOutput v = changed(result, "from call " + from);
      assertThat(v.first()).startsWith("double[]");
      assertThat(v.later()).startsWith("float[]");
      assertThat(x).containsExactly(0.5, -0.25);
    }
  }

  @Test
  void theSameTypeAndShapeEveryTimePasses() {
    double[] x = {0.5, -0.25};
    assertThat(run(x, n -> n % 2 == 0 ? y(x) : y(x).clone()).violations()).isEmpty();
  }
}
