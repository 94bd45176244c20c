package dev.gradcheck.samples.newton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.gradcheck.BugShape;
import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckFailure;
import dev.gradcheck.Outcome;
import dev.gradcheck.Report;
import dev.gradcheck.Verdict;
import dev.gradcheck.junit.GradCheck;
import dev.gradcheck.samples.TestKit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A Hessian is checked against differences of the gradient, so a wrong gradient leaves it
 * unchecked: here the gradient forgets the penalty's {@code λ w} while the Hessian is right, and
 * the result fails the gradient and lists the Hessian as skipped, for both ways of declaring it.
 */
class WrongGradientTests {

  private static final int N = LogisticRegression.FEATURES;

  /** {@link LogisticRegression} whose gradient forgets {@code + λ w}; its Hessian is right. */
  static final class ForgottenPenaltyGradient extends LogisticRegression {
    ForgottenPenaltyGradient(LogisticRegression model) {
      super(model.x, model.y, model.lambda);
    }

    @Override
    public void gradient(double[] w, double[] g) {
      super.gradient(w, g);
      for (int j = 0; j < g.length; j++) {
        g[j] -= lambda * w[j]; // the bug: the L2 term's gradient is missing
      }
    }
  }

  /** Run only by {@link #gradCheckSkipsTheHessian}. */
  static class WrongGradientFixture {
    @GradCheck(points = 3, seed = 0x4E5AL)
    void hessian(GradientCheck check) {
      LogisticRegression model =
          new ForgottenPenaltyGradient(LogisticRegression.synthetic(check.random().nextLong()));
      double[] w = LogisticRegressionTests.randomPoint(check.random());
      double[] grad = new double[N];
      check
          .param("w", w, grad)
          .loss(() -> model.loss(w))
          .backward(() -> model.gradient(w, grad))
          .hessian(() -> model.hessian(w));
    }
  }

  @Test
  void aWrongGradientFailsAndTheHessianIsSkipped() {
    LogisticRegression model =
        new ForgottenPenaltyGradient(LogisticRegression.synthetic(NewtonDemo.DATA_SEED));
    double[] at = {0.3, -0.2, 0.5, 0.1};
    for (CheckResult result :
        List.of(NewtonDemo.checkHessian(model, at, 7), NewtonDemo.checkProduct(model, at, 7))) {
      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.kind()).isEqualTo(CheckKind.LOSS_GRADIENT);
      assertThat(result.skipped()).containsExactly(CheckKind.HESSIAN);
      assertThat(result.followUps()).isEmpty();
      assertThat(result.parameter("w").entries())
          .allSatisfy(e -> assertThat(e.verdict()).as(e.label()).isEqualTo(Verdict.FAIL));
      assertThat(result.diagnoses().get(0).shape()).isInstanceOf(BugShape.ProportionalTerm.class);
      assertThat(Report.text(result))
          .startsWith("gradient of 'w' is wrong: 4 of 4 entries disagree")
          .contains("missing term — analytic = numeric − 1.0e+00 × 'w' on every entry")
          .containsPattern(
              "Hessian +: not checked: it is compared with the gradient, which failed");
    }
  }

  @Test
  void gradCheckSkipsTheHessian() {
    List<Event> failed =
        EngineTestKit.engine("junit-jupiter")
            .selectors(
                selectMethod(WrongGradientFixture.class, "hessian", GradientCheck.class.getName()))
            .execute()
            .testEvents()
            .failed()
            .list();
    assertThat(failed).hasSize(3);
    for (Event event : failed) {
      Throwable error = TestKit.thrown(event);
      CheckResult result = ((GradientCheckFailure) error).result();
      assertThat(result.skipped()).containsExactly(CheckKind.HESSIAN);
      assertThat(error.getMessage())
          .startsWith("gradient of 'w' is wrong")
          .contains("Hessian")
          .contains("not checked: it is compared with the gradient, which failed");
    }
  }
}
