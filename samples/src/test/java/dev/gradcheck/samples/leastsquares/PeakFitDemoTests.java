package dev.gradcheck.samples.leastsquares;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.BugShape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claims {@link PeakFitDemo} prints: Levenberg–Marquardt with the correct Jacobian recovers the
 * truth to within the noise; with the buggy one it returns normally, well inside its limits, at a
 * cost many times higher and far from the truth; and gradcheck told the two Jacobians apart at the
 * start.
 */
class PeakFitDemoTests {

  private static PeakFitDemo.Comparison comparison;
  private static String printed;

  @BeforeAll
  static void runTheDemo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    comparison = PeakFitDemo.run(new PrintStream(out, true, StandardCharsets.UTF_8));
    printed = out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theCorrectJacobianFitsToTheNoise() {
    PeakFitDemo.Fit correct = comparison.correct();
    assertThat(correct.check().passed()).isTrue();
    assertThat(correct.distance()).isLessThan(0.1);
    // A good fit leaves residuals of the noise's size: |r| ≈ sd √(m - 5).
    double expected =
        PeakFitDemo.NOISE * Math.sqrt(PeakFitDemo.OBSERVATIONS - GaussianPeak.PARAMETERS);
    assertThat(correct.optimum().getCost()).isBetween(0.7 * expected, 1.3 * expected);
    assertThat(correct.optimum().getCost()).isLessThan(comparison.startCost() / 10);
  }

  @Test
  void theBuggyJacobianEndsNormallyButFarFromTheFit() {
    Optimum correct = comparison.correct().optimum();
    Optimum buggy = comparison.buggy().optimum();
    // No limit was hit: the optimizer believes it has converged.
    assertThat(buggy.getIterations()).isLessThan(PeakFitDemo.LIMIT / 10);
    assertThat(buggy.getEvaluations()).isLessThan(PeakFitDemo.LIMIT / 10);
    // Most of its trial steps were rejected, unlike the correct fit's.
    assertThat(buggy.getEvaluations()).isGreaterThan(2 * buggy.getIterations());
    assertThat(correct.getEvaluations()).isLessThanOrEqualTo(correct.getIterations() + 2);
    // And where it stops is not a fit of the data.
    assertThat(comparison.costRatio()).isGreaterThan(10);
    assertThat(comparison.buggy().distance()).isGreaterThan(1);
    assertThat(Math.abs(comparison.buggy().point()[GaussianPeak.CENTRE] - PeakFitDemo.TRUTH[1]))
        .as("how far the fitted centre is off")
        .isGreaterThan(2 * PeakFitDemo.TRUTH[2]);
  }

  @Test
  void gradcheckFailsTheBuggyJacobianAtTheStartAndNamesItsColumn() {
    PeakFitDemo.Fit buggy = comparison.buggy();
    assertThat(buggy.check().passed()).isFalse();
    assertThat(buggy.check().diagnoses().get(0).shape())
        .isInstanceOfSatisfying(
            BugShape.SliceWrong.class,
            s -> {
              assertThat(s.index()).isEqualTo(GaussianPeak.CENTRE);
              assertThat(s.slice()).isEqualTo("column");
            });
    assertThat(buggy.verdict())
        .startsWith("FAILED: one column wrong — column 1 of the Jacobian of 'theta'");
  }

  @Test
  void thePrintedTableCarriesTheFiguresAndTheFinding() {
    Optimum correct = comparison.correct().optimum();
    Optimum buggy = comparison.buggy().optimum();
    assertThat(printed)
        .containsPattern(
            "correct Jacobian +" + correct.getIterations() + " +" + correct.getEvaluations() + " ")
        .containsPattern(
            "sign slip in ∂/∂c +" + buggy.getIterations() + " +" + buggy.getEvaluations() + " ")
        .contains(String.format(Locale.ROOT, "%.4f", correct.getCost()))
        .contains(String.format(Locale.ROOT, "%.4f", buggy.getCost()))
        .containsPattern("correct Jacobian +passed")
        .containsPattern("sign slip in ∂/∂c +FAILED: one column wrong");
    assertThat(comparison.finding())
        .contains(buggy.getIterations() + " iterations, " + buggy.getEvaluations() + " evaluations")
        .contains(String.format(Locale.ROOT, "at %.1f times", comparison.costRatio()));
    assertThat(printed.replaceAll("\\s+", " ")).contains(comparison.finding());
  }
}
