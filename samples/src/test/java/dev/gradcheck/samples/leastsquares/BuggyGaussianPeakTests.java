package dev.gradcheck.samples.leastsquares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.gradcheck.BugShape;
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
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@link BuggyGaussianPeak}'s Jacobian fails, and the failure points at the centre's column and
 * nowhere else: through the core API, and through {@code @GradCheck} run on the JUnit Platform as a
 * user's build would run it.
 */
class BuggyGaussianPeakTests {

  private static final double[] T = GaussianPeakTests.T;
  private static final int POINTS = 6;

  /**
   * The buggy model declared exactly like the correct one in {@link GaussianPeakTests}. Nested and
   * not {@code @Nested}, so that only {@link #gradCheckFailsAtEveryPointAndNamesTheColumn} runs it.
   */
  static class BuggyFixture {
    @GradCheck(points = POINTS, seed = 0x9EA5L)
    void jacobianOfTheModel(GradientCheck check) {
      GaussianPeak model = new BuggyGaussianPeak(T);
      RealVector theta = GaussianPeakTests.randomPoint(check.random());
      check
          .param("theta", theta)
          .output(() -> model.value(theta).getFirst())
          .jacobian(() -> model.value(theta).getSecond());
    }
  }

  @Test
  void onlyTheCentreColumnFailsAndItIsSignFlipped() {
    CheckResult result = PeakFitDemo.check(new BuggyGaussianPeak(T), PeakFitDemo.START, 11);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    List<EntryResult> entries = result.parameter("theta").entries();
    List<EntryResult> failing = entries.stream().filter(e -> e.verdict() == Verdict.FAIL).toList();
    assertThat(failing)
        .as("failing entries")
        .hasSizeGreaterThan(T.length / 2)
        .allSatisfy(e -> assertThat(e.index()).as(e.label()).isEqualTo(GaussianPeak.CENTRE))
        .allSatisfy(
            e ->
                assertThat(e.analytic())
                    .as(e.label())
                    .isCloseTo(-e.numeric(), org.assertj.core.data.Offset.offset(1e-6)));
    assertThat(entries)
        .filteredOn(e -> e.index() != GaussianPeak.CENTRE)
        .hasSize(T.length * (GaussianPeak.PARAMETERS - 1))
        .allSatisfy(e -> assertThat(e.verdict()).as(e.label()).isEqualTo(Verdict.PASS));

    assertThat(result.diagnoses()).isNotEmpty();
    assertThat(result.diagnoses().get(0).shape())
        .isInstanceOfSatisfying(
            BugShape.SliceWrong.class,
            s -> {
              assertThat(s.slice()).isEqualTo("column");
              assertThat(s.index()).isEqualTo(GaussianPeak.CENTRE);
              assertThat(s.content()).isEqualTo(BugShape.SliceWrong.Content.SIGN_FLIPPED);
            });

    String text = Report.text(result);
    assertThat(text)
        .startsWith(
            "Jacobian of 'theta' is wrong: "
                + failing.size()
                + " of "
                + entries.size()
                + " entries disagree")
        .contains("column 1 of the Jacobian of 'theta' (∂output[:]/∂theta[1]) is sign-flipped");
    assertThatThrownBy(
            () -> {
              RealVector theta = new ArrayRealVector(PeakFitDemo.START);
              GaussianPeak model = new BuggyGaussianPeak(T);
              GradientCheck.create()
                  .seed(11)
                  .param("theta", theta)
                  .output(() -> model.value(theta).getFirst())
                  .jacobian(() -> model.value(theta).getSecond())
                  .verify();
            })
        .isInstanceOf(GradientCheckFailure.class)
        .hasMessage(text);
  }

  @Test
  void gradCheckFailsAtEveryPointAndNamesTheColumn() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(
                selectMethod(
                    BuggyFixture.class, "jacobianOfTheModel", GradientCheck.class.getName()))
            .execute();

    assertThat(results.testEvents().succeeded().count()).isZero();
    List<Event> failed = results.testEvents().failed().list();
    assertThat(failed).hasSize(POINTS);
    for (Event event : failed) {
      Throwable error = TestKit.thrown(event);
      assertThat(error).isInstanceOf(GradientCheckFailure.class);
      CheckResult result = ((GradientCheckFailure) error).result();
      String point = event.getTestDescriptor().getDisplayName();
      assertThat(result.parameter("theta").entries())
          .as(point)
          .filteredOn(e -> e.verdict() == Verdict.FAIL)
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.label()).endsWith("/∂theta[1]"));
      assertThat(error.getMessage())
          .as(point)
          .startsWith("Jacobian of 'theta' is wrong: ")
          .contains("likely bug")
          .contains("column 1 of the Jacobian of 'theta' (∂output[:]/∂theta[1]) is sign-flipped")
          .contains(
              String.format(
                  java.util.Locale.ROOT,
                  "reproduce with : @GradCheck(seed = 0x%XL)",
                  result.seed()));
    }
  }
}
