package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.ContractViolation.NotLinear;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** A backward must be linear in its upstream gradient; the usual ways it is not get a name. */
class LinearityTests {

  /** {@code y = (x0 x1, x1²)}; the backward writes {@code dx} from {@code dy}. */
  private static CheckResult check(BiConsumer<double[], double[]> backward) {
    double[] x = {0.8, -1.3};
    double[] dx = new double[2];
    return GradientCheck.create()
        .seed(6)
        .param("x", x, dx)
        .output(() -> new double[] {x[0] * x[1], x[1] * x[1]})
        .backward(dy -> backward.accept(dy, dx))
        .run();
  }

  private static void exact(double[] dy, double[] dx) {
    double x0 = 0.8;
    double x1 = -1.3;
    dx[0] = dy[0] * x1;
    dx[1] = dy[0] * x0 + dy[1] * 2 * x1;
  }

  private static NotLinear.Failure failure(CheckResult result) {
    return result.violations().stream()
        .filter(NotLinear.class::isInstance)
        .map(v -> ((NotLinear) v).failure())
        .findFirst()
        .orElse(null);
  }

  @Test
  void aLinearBackwardPasses() {
    CheckResult result = check(LinearityTests::exact);
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void aBackwardThatUsesTheMagnitudeOfDyIsNamed() {
    CheckResult result =
        check(
            (dy, dx) -> {
              exact(new double[] {Math.abs(dy[0]), Math.abs(dy[1])}, dx);
            });
    assertThat(failure(result)).isEqualTo(NotLinear.Failure.SIGN_IGNORED);
    assertThat(Report.text(result)).contains("backward is not linear in dy", "as |dy| would");
  }

  @Test
  void aBackwardThatAddsAConstantIsNamedEvenWhenItsGradientIsJudgedToo() {
    CheckResult result =
        check(
            (dy, dx) -> {
              exact(dy, dx);
              dx[1] += 1e-3;
            });
    assertThat(failure(result)).isEqualTo(NotLinear.Failure.CONSTANT_ADDED);
    // The first backward's gradient is still judged: x[1] is 1e-3 off.
    assertThat(result.parameter("x").count(Verdict.FAIL)).isEqualTo(1);
  }

  @Test
  void aBackwardThatKeepsTheFirstDyIsNamed() {
    double[][] first = {null};
    CheckResult result =
        check(
            (dy, dx) -> {
              if (first[0] == null) {
                first[0] = dy.clone();
              }
              exact(first[0], dx);
            });
    assertThat(failure(result)).isEqualTo(NotLinear.Failure.INPUT_IGNORED);
    assertThat(Report.text(result)).contains("ignores the dy it is given, or keeps the first one");
  }

  @Test
  void aBackwardThatIgnoresDyIsExplainedByTheContractAlone() {
    CheckResult result = check((dy, dx) -> exact(new double[] {1, 1}, dx));
    assertThat(failure(result)).isEqualTo(NotLinear.Failure.INPUT_IGNORED);
    assertThat(result.count(Verdict.FAIL)).isPositive();
    assertThat(result.diagnoses())
        .as(Report.text(result))
        .noneMatch(d -> d.shape() instanceof dev.gradcheck.BugShape.Unexplained);
    assertThat(Report.text(result)).doesNotContain("no known bug shape");
  }

  @Test
  void aBackwardThatIsNotAdditiveIsNamed() {
    CheckResult result =
        check(
            (dy, dx) -> {
              exact(dy, dx);
              // Odd in dy, zero at zero, but not additive: a norm where a sum belongs.
              dx[0] += 0.01 * Math.hypot(dy[0], dy[1]) * Math.signum(dy[0]);
            });
    assertThat(failure(result)).as(Report.text(result)).isEqualTo(NotLinear.Failure.NOT_ADDITIVE);
    assertThat(Report.text(result)).contains("the sum of two dy gives the gradient of x[0]");
  }
}
