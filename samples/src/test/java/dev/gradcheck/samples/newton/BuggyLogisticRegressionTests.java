package dev.gradcheck.samples.newton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.gradcheck.BugShape;
import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.EntryResult;
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
 * {@link BuggyLogisticRegression}'s Hessian, which forgets {@code λ I}, fails, and the failure says
 * that the gradient is right and the Hessian is wrong on exactly its diagonal, each entry by {@code
 * -λ}: through the core API, and through {@code @GradCheck} on the JUnit Platform.
 */
class BuggyLogisticRegressionTests {

  private static final int N = LogisticRegression.FEATURES;
  private static final int POINTS = 6;

  /**
   * The buggy model declared exactly like the correct one in {@link LogisticRegressionTests}.
   * Nested and not {@code @Nested}, so that only {@link #gradCheckFailsOnTheDiagonalAtEveryPoint}
   * runs it.
   */
  static class BuggyFixture {
    @GradCheck(points = POINTS, seed = 0x4E58L)
    void hessian(GradientCheck check) {
      LogisticRegression model =
          new BuggyLogisticRegression(LogisticRegression.synthetic(check.random().nextLong()));
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
  void theGradientPassesAndTheHessianFailsOnExactlyItsDiagonal() {
    LogisticRegression model =
        new BuggyLogisticRegression(LogisticRegression.synthetic(NewtonDemo.DATA_SEED));
    CheckResult result = NewtonDemo.checkHessian(model, new double[] {0.3, -0.2, 0.5, 0.1}, 7);

    // The declaration fails as a whole, but not because of its gradient.
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.kind()).isEqualTo(CheckKind.LOSS_GRADIENT);
    assertThat(result.skipped()).isEmpty();
    assertThat(result.parameter("w").entries())
        .hasSize(N)
        .allSatisfy(e -> assertThat(e.verdict()).as(e.label()).isEqualTo(Verdict.PASS));

    // The Hessian's check: the diagonal fails, each entry by -λ, and nothing else does.
    assertThat(result.followUps()).hasSize(1);
    CheckResult hessian = result.followUps().get(0);
    assertThat(hessian.kind()).isEqualTo(CheckKind.HESSIAN);
    assertThat(hessian.outcome()).isEqualTo(Outcome.FAILED);
    List<EntryResult> entries = hessian.parameter("w").entries();
    assertThat(entries).hasSize(N * N);
    List<EntryResult> failing = entries.stream().filter(e -> e.verdict() == Verdict.FAIL).toList();
    assertThat(failing)
        .extracting(EntryResult::label)
        .containsExactlyInAnyOrder(
            "∂²loss/∂w[0]∂w[0]", "∂²loss/∂w[1]∂w[1]", "∂²loss/∂w[2]∂w[2]", "∂²loss/∂w[3]∂w[3]");
    assertThat(failing)
        .allSatisfy(e -> assertThat(e.output().getAsInt()).isEqualTo(e.index()))
        .allSatisfy(
            e ->
                assertThat(e.analytic() - e.numeric())
                    .as(e.label())
                    .isCloseTo(-LogisticRegression.LAMBDA, within(1e-6)));
    assertThat(entries)
        .filteredOn(e -> e.output().getAsInt() != e.index())
        .hasSize(N * N - N)
        .allSatisfy(e -> assertThat(e.verdict()).as(e.label()).isEqualTo(Verdict.PASS));
    assertThat(NewtonDemo.failsOnTheDiagonalOnly(result)).isTrue();

    // The diagnosis says what it is: every diagonal entry off by the same -λ.
    assertThat(hessian.diagnoses()).isNotEmpty();
    assertThat(hessian.diagnoses().get(0).shape())
        .isInstanceOfSatisfying(
            BugShape.IdentityTerm.class,
            t -> assertThat(t.coefficient()).isCloseTo(-1.0, within(1e-6)));
    assertThat(hessian.diagnoses().get(0).summary())
        .contains("every diagonal entry of the Hessian of 'w'", "λI (λ = 1.0e+00?) is missing");

    String text = Report.text(result);
    assertThat(text)
        .startsWith("Hessian of 'w' is wrong: 4 of 16 entries disagree")
        .contains(
            "off by a multiple of the identity — every diagonal entry of the Hessian of 'w' is"
                + " the numeric one minus 1.0e+00, every other entry is right")
        .containsPattern("gradient +: verified first \\(w 4/4\\)");
    assertThatThrownBy(
            () -> {
              double[] w = {0.3, -0.2, 0.5, 0.1};
              double[] grad = new double[N];
              GradientCheck.create()
                  .seed(7)
                  .param("w", w, grad)
                  .loss(() -> model.loss(w))
                  .backward(() -> model.gradient(w, grad))
                  .hessian(() -> model.hessian(w))
                  .verify();
            })
        .isInstanceOf(GradientCheckFailure.class)
        .hasMessage(text);
  }

  @Test
  void gradCheckFailsOnTheDiagonalAtEveryPoint() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(BuggyFixture.class, "hessian", GradientCheck.class.getName()))
            .execute();

    assertThat(results.testEvents().succeeded().count()).isZero();
    List<Event> failed = results.testEvents().failed().list();
    assertThat(failed).hasSize(POINTS);
    for (Event event : failed) {
      Throwable error = TestKit.thrown(event);
      assertThat(error).isInstanceOf(GradientCheckFailure.class);
      CheckResult result = ((GradientCheckFailure) error).result();
      String point = event.getTestDescriptor().getDisplayName();
      assertThat(result.parameter("w").entries())
          .as(point + ": the gradient")
          .allSatisfy(e -> assertThat(e.verdict()).isEqualTo(Verdict.PASS));
      assertThat(NewtonDemo.failsOnTheDiagonalOnly(result)).as(point).isTrue();
      assertThat(error.getMessage())
          .as(point)
          .startsWith("Hessian of 'w' is wrong: 4 of 16 entries disagree")
          .containsPattern("gradient +: verified first \\(w 4/4\\)")
          .contains(
              String.format(
                  java.util.Locale.ROOT,
                  "reproduce with : @GradCheck(seed = 0x%XL)",
                  result.seed()));
    }
  }

  /**
   * A diagonal entry off by exactly λ is a failure, whatever the finest central differences do in
   * their last digits: at this seed they wobbled by 1e-10 around 3.2424 and the entry was called
   * inconclusive ("do not converge"), though the analytic 2.2424 lies 1.0 away.
   */
  @Test
  void aDisagreementFarBeyondTheDifferencesWobbleIsAFailure() {
    GradientCheck check = GradientCheck.create().seed(5219463822665199100L);
    BuggyLogisticRegression model =
        new BuggyLogisticRegression(LogisticRegression.synthetic(check.random().nextLong()));
    double[] w = LogisticRegressionTests.randomPoint(check.random());
    double[] grad = new double[w.length];
    CheckResult result =
        check
            .param("w", w, grad)
            .loss(() -> model.loss(w))
            .backward(() -> model.gradient(w, grad))
            .hessian(() -> model.hessian(w))
            .run();
    CheckResult hessian = result.followUps().get(0);
    assertThat(hessian.parameter("w").entries())
        .filteredOn(e -> e.output().getAsInt() == e.index())
        .as(Report.text(result))
        .allSatisfy(e -> assertThat(e.verdict()).isEqualTo(Verdict.FAIL));
    assertThat(Report.text(result)).startsWith("Hessian of 'w' is wrong: 4 of 16 entries disagree");
  }
}
