package dev.gradcheck.junit;

import static dev.gradcheck.junit.GradCheckExtensionTests.failureOf;
import static dev.gradcheck.junit.GradCheckExtensionTests.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A full Jacobian through {@code @GradCheck}: points, seeds, failure message, report, entries. */
class JacobianExtensionTests {

  @TempDir Path reports;

  @Test
  void correctJacobianPassesAtEveryPoint() {
    EngineExecutionResults results = run(CorrectTestCase.class);
    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
    List<Map<String, String>> entries =
        results.allEvents().reportingEntryPublished().list().stream()
            .map(
                e ->
                    e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                        .getKeyValuePairs())
            .filter(m -> m.containsKey("gradcheck.result"))
            .toList();
    assertThat(entries)
        .hasSize(3)
        .allSatisfy(e -> assertThat(e).containsEntry("gradcheck.result", "passed"))
        .allSatisfy(
            e ->
                assertThat(e.get("gradcheck.largestRelativeError.theta"))
                    .matches("\\d\\.\\de[-+]\\d\\d over 6 of 3×2 matrix entries"));
  }

  @Test
  void wrongColumnFailsNamingTheDerivativesAndWritesAHeatMapOfTheJacobian() throws IOException {
    Throwable failure =
        failureOf(run(WrongColumnTestCase.class, "gradcheck.reportDir", reports.toString()));
    assertThat(failure).isInstanceOf(GradientCheckFailure.class);
    String message = failure.getMessage();
    assertThat(message)
        .startsWith("Jacobian of 'theta' is wrong: 2 of 6 entries disagree")
        .contains(
            "one column wrong — the last column (1) of the Jacobian of 'theta'"
                + " (∂output[:]/∂theta[1]) is scaled by 2")
        .contains("reproduce with : @GradCheck(seed = 0x7L)");
    Map<String, String> facts = Facts.of(message);
    String html = Files.readString(Path.of(facts.get("report")));
    assertThat(html)
        .contains(
            "its block of the Jacobian: 3 output entries (rows) × 2 parameter entries (columns)")
        .contains("<title>∂output[2]/∂theta[1]");
  }

  @Test
  void aWrongHessianFailsThePointSayingTheGradientWasRightAndReportsTheHessian()
      throws IOException {
    EngineExecutionResults results =
        run(HessianTestCase.class, "gradcheck.reportDir", reports.toString());
    Throwable failure = failureOf(results);
    assertThat(failure).isInstanceOf(GradientCheckFailure.class);
    assertThat(failure.getMessage())
        .startsWith("Hessian of 'w' is wrong: 2 of 4 entries disagree")
        .contains("off by a multiple of the identity")
        .containsPattern("\ngradient +: verified first \\(w 2/2\\)");
    String html = Files.readString(Path.of(Facts.of(failure.getMessage()).get("report")));
    assertThat(html).contains("∂²loss/∂w[1]∂w[1]").contains("2 output entries (rows)");
    List<Map<String, String>> entries =
        results.allEvents().reportingEntryPublished().list().stream()
            .map(
                e ->
                    e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                        .getKeyValuePairs())
            .filter(m -> m.containsKey("gradcheck.result"))
            .toList();
    assertThat(entries)
        .singleElement()
        .satisfies(e -> assertThat(e).containsEntry("gradcheck.result", "failed"));
  }

  @Test
  void aJacobianOfTheWrongShapeNamesTheMethodAndLeadsToItsDeclaration() {
    Throwable failure = failureOf(run(TransposedTestCase.class));
    assertThat(failure)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("@GradCheck method transposed(): the jacobian returned double[][]")
        .hasMessageContaining("which looks transposed");
    assertThat(failure.getStackTrace()[0].getClassName())
        .isEqualTo(TransposedTestCase.class.getName());
  }

  static class TransposedTestCase {
    @GradCheck(seed = 7)
    void transposed(GradientCheck check) {
      double[] theta = {0.3, -0.2};
      check.param("theta", theta).output(() -> residuals(theta)).jacobian(() -> new double[2][3]);
    }
  }

  static class HessianTestCase {
    @GradCheck(seed = 3)
    void newton(GradientCheck check) {
      double[] w = {0.4, -0.7};
      double[] g = new double[2];
      // loss = w0² w1 + (w0² + w1²) / 2; the Hessian forgets the identity from the second term
      check
          .param("w", w, g)
          .loss(() -> w[0] * w[0] * w[1] + (w[0] * w[0] + w[1] * w[1]) / 2)
          .backward(
              () -> {
                g[0] = 2 * w[0] * w[1] + w[0];
                g[1] = w[0] * w[0] + w[1];
              })
          .hessian(() -> new double[][] {{2 * w[1], 2 * w[0]}, {2 * w[0], 0}});
    }
  }

  /** Residuals of a two-parameter model at three points. */
  static double[] residuals(double[] t) {
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) {
      r[i] = t[0] * Math.exp(t[1] * i) - i;
    }
    return r;
  }

  static double[][] jacobian(double[] t, double columnOneFactor) {
    double[][] j = new double[3][2];
    for (int i = 0; i < 3; i++) {
      j[i][0] = Math.exp(t[1] * i);
      j[i][1] = columnOneFactor * t[0] * i * Math.exp(t[1] * i);
    }
    return j;
  }

  static class CorrectTestCase {
    @GradCheck(points = 3, seed = 7)
    void model(GradientCheck check) {
      double[] theta = check.arrays().uniform(-1, 1, 2);
      check.param("theta", theta).output(() -> residuals(theta)).jacobian(() -> jacobian(theta, 1));
    }
  }

  static class WrongColumnTestCase {
    @GradCheck(seed = 7)
    void model(GradientCheck check) {
      double[] theta = {0.8, 0.3};
      check.param("theta", theta).output(() -> residuals(theta)).jacobian(() -> jacobian(theta, 2));
    }
  }
}
