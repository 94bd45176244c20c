package dev.gradcheck.samples.newton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckFailure;
import dev.gradcheck.Outcome;
import dev.gradcheck.Report;
import dev.gradcheck.Verdict;
import dev.gradcheck.junit.GradCheck;
import dev.gradcheck.samples.TestKit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@link BuggyHessianProduct}'s product, memoized on the point alone, is not linear in its
 * direction, and the check says so: a broken contract of the Hessian-vector product, found after
 * the gradient is verified, through the core API and through {@code @GradCheck}.
 */
class BuggyHessianProductTests {

  private static final int N = LogisticRegression.FEATURES;
  private static final int POINTS = 4;

  /** The buggy product declared like the correct one; run only by the test below. */
  static class BuggyFixture {
    @GradCheck(points = POINTS, seed = 0x4E59L)
    void hessianVectorProduct(GradientCheck check) {
      LogisticRegression model =
          new BuggyHessianProduct(LogisticRegression.synthetic(check.random().nextLong()));
      double[] w = LogisticRegressionTests.randomPoint(check.random());
      double[] grad = new double[N];
      check
          .param("w", w, grad)
          .loss(() -> model.loss(w))
          .backward(() -> model.gradient(w, grad))
          .hessianVectorProduct(v -> model.hessianTimes(w, v));
    }
  }

  @Test
  void theProductIsReportedAsIgnoringItsDirection() {
    LogisticRegression model =
        new BuggyHessianProduct(LogisticRegression.synthetic(NewtonDemo.DATA_SEED));
    CheckResult result = NewtonDemo.checkProduct(model, new double[] {0.3, -0.2, 0.5, 0.1}, 7);

    assertThat(result.outcome()).isEqualTo(Outcome.CONTRACT_BROKEN);
    assertThat(result.skipped()).isEmpty();
    assertThat(result.parameter("w").entries())
        .as("the gradient")
        .allSatisfy(e -> assertThat(e.verdict()).isEqualTo(Verdict.PASS));

    CheckResult hessian = result.followUps().get(0);
    assertThat(hessian.kind()).isEqualTo(CheckKind.HESSIAN);
    assertThat(hessian.outcome()).isEqualTo(Outcome.CONTRACT_BROKEN);
    // A matrix built from products that are not linear is not judged entry by entry.
    assertThat(hessian.findings()).containsExactly(Outcome.CONTRACT_BROKEN);
    assertThat(hessian.parameters()).isEmpty();
    assertThat(hessian.violations())
        .singleElement()
        .isInstanceOfSatisfying(
            ContractViolation.NotLinear.class,
            v -> {
              assertThat(v.code()).isEqualTo("hessianVectorProduct");
              assertThat(v.input()).isEqualTo("v");
              assertThat(v.failure()).isEqualTo(ContractViolation.NotLinear.Failure.INPUT_IGNORED);
            });

    assertThat(Report.text(result))
        .startsWith("Hessian check failed: hessianVectorProduct is not linear in v")
        .contains("hessianVectorProduct gives the same output for every v: (H·v)[w[0]] is ")
        .contains(
            "for a second, different v and for v = 0 too; it ignores the v it is given, or"
                + " keeps the first one")
        .containsPattern("gradient +: verified first \\(w 4/4\\)");
  }

  @Test
  void gradCheckReportsTheBrokenContractAtEveryPoint() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(
                selectMethod(
                    BuggyFixture.class, "hessianVectorProduct", GradientCheck.class.getName()))
            .execute();

    assertThat(results.testEvents().succeeded().count()).isZero();
    List<Event> failed = results.testEvents().failed().list();
    assertThat(failed).hasSize(POINTS);
    for (Event event : failed) {
      Throwable error = TestKit.thrown(event);
      assertThat(error).isInstanceOf(GradientCheckFailure.class);
      CheckResult result = ((GradientCheckFailure) error).result();
      String point = event.getTestDescriptor().getDisplayName();
      assertThat(result.outcome()).as(point).isEqualTo(Outcome.CONTRACT_BROKEN);
      assertThat(result.followUps().get(0).violations())
          .as(point)
          .singleElement()
          .isInstanceOf(ContractViolation.NotLinear.class);
      assertThat(error.getMessage())
          .as(point)
          .startsWith("Hessian check failed: hessianVectorProduct is not linear in v")
          .contains("it ignores the v it is given, or keeps the first one");
    }
  }
}
