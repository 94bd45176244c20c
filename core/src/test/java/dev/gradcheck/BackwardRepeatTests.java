package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A second backward at the same point must repeat the first. Accumulation is second = first +
 * previous; any other difference is a backward that depends on call order or hidden state, named as
 * such rather than as accumulation.
 */
class BackwardRepeatTests {

  /** {@code Σ sin(w)} whose backward's k-th call scales the gradient by {@code factor(k)}. */
  private static CheckResult check(DoubleUnaryOperator factor, GradientCheck check) {
    double[] w = {0.3, -0.8, 1.1};
    double[] dw = new double[3];
    int[] calls = {0};
    return check
        .param("w", w, dw)
        .loss(() -> Math.sin(w[0]) + Math.sin(w[1]) + Math.sin(w[2]))
        .backward(
            () -> {
              double f = factor.applyAsDouble(++calls[0]);
              for (int i = 0; i < 3; i++) {
                dw[i] = f * Math.cos(w[i]);
              }
            })
        .run();
  }

  private static ContractViolation only(CheckResult result) {
    assertThat(result.violations()).as(Report.text(result)).hasSize(1);
    return result.violations().get(0);
  }

  @Test
  void aPlusEqualsBackwardAccumulates() {
    double[] w = {0.3, -0.8};
    double[] dw = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("w", w, dw)
            .loss(() -> Math.sin(w[0]) + Math.sin(w[1]))
            .backward(
                () -> {
                  dw[0] += Math.cos(w[0]);
                  dw[1] += Math.cos(w[1]);
                })
            .run();

    assertThat(only(result)).isInstanceOf(ContractViolation.AccumulatingBackward.class);
    assertThat(result.diagnoses().get(0).shape()).isInstanceOf(BugShape.Accumulating.class);
  }

  @Test
  void aBackwardThatFlipsOnItsSecondCallIsNotCalledAccumulating() {
    for (double second : new double[] {-1, 0.5, 3}) {
      CheckResult result = check(k -> k == 1 ? 1 : second, GradientCheck.create().seed(2));

      ContractViolation v = only(result);
      assertThat(v)
          .as("second call × %s", second)
          .isInstanceOf(ContractViolation.UnrepeatableBackward.class);
      assertThat(v.title()).isEqualTo("backward is not repeatable for 'w'");
      assertThat(result.diagnoses().get(0).summary())
          .startsWith("backward not repeatable")
          .contains("not an accumulation");
      assertThat(result.outcome()).isEqualTo(Outcome.CONTRACT_BROKEN);
    }
  }

  @Test
  void jitterWithinTheRepeatTolerancePassesAndBeyondItDoesNot() {
    DoubleUnaryOperator jitter = k -> k == 2 ? 1 + 1e-12 : 1;

    assertThat(check(jitter, GradientCheck.create().seed(3)).violations())
        .singleElement()
        .isInstanceOf(ContractViolation.UnrepeatableBackward.class);
    CheckResult tolerant = check(jitter, GradientCheck.create().seed(3).repeatTolerance(1e-10));
    assertThat(tolerant.outcome()).as(Report.text(tolerant)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void aForwardThatJittersWithinTheRepeatTolerancePasses() {
    double[] w = {0.3, -0.8};
    double[] dw = new double[2];
    int[] calls = {0};
    GradientCheck declared =
        GradientCheck.create()
            .seed(4)
            .repeatTolerance(1e-12)
            .param("w", w, dw)
            .loss(() -> (Math.sin(w[0]) + Math.sin(w[1])) * (++calls[0] % 2 == 0 ? 1 + 1e-14 : 1))
            .backward(
                () -> {
                  dw[0] = Math.cos(w[0]);
                  dw[1] = Math.cos(w[1]);
                });
    CheckResult result = declared.run();

    assertThat(result.violations()).as(Report.text(result)).isEmpty();
  }

  @Test
  void theRepeatToleranceMustBeARelativeDifference() {
    assertThatThrownBy(() -> GradientCheck.create().repeatTolerance(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repeatTolerance");
    assertThatThrownBy(() -> GradientCheck.create().repeatTolerance(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
