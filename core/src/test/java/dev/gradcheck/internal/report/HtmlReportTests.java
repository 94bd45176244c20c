package dev.gradcheck.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckMode;
import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import dev.gradcheck.StepCurve;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML report is self-contained, escapes every name, and shows what it promises. */
class HtmlReportTests {

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void failingMatrixCheckHasHeatMapDiagnosisAndStepCurve() {
    double[][] w = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}};
    double[][] dw = new double[2][3];
    CheckResult result =
        GradientCheck.create()
            .seed(9)
            .param("W<&\"'>", w, dw)
            .loss(
                () -> {
                  double s = 0;
                  for (double[] row : w) {
                    for (double v : row) {
                      s += Math.sin(v);
                    }
                  }
                  return s;
                })
            .backward(
                () -> {
                  for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 3; j++) {
                      dw[i][j] = i == 1 ? 0 : Math.cos(w[i][j]);
                    }
                  }
                })
            .run();
    String html = Report.html(result, "Suite.<method>", Map.of("reproduce with", "seed <9>"));
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<h1>Suite.&lt;method&gt;</h1>")
        .contains("W&lt;&amp;&quot;&#39;&gt;")
        .doesNotContain("W<&")
        .contains("one row wrong")
        .contains("Error against step for W&lt;&amp;&quot;&#39;&gt;[1][")
        .contains("seed &lt;9&gt;")
        .doesNotContain("<script")
        .doesNotContain("http");
    // One heat-map cell per entry, each with a tooltip.
    assertThat(count(html, "<rect [^>]*stroke=\"#eee\"")).isEqualTo(6);
    assertThat(result.stepCurve()).isPresent();
    StepCurve curve = result.stepCurve().orElseThrow();
    assertThat(curve.points()).hasSizeGreaterThan(15);
    assertThat(curve.points().get(0).step()).isGreaterThan(curve.points().get(1).step());
    assertThat(count(html, "<circle")).isEqualTo(curve.points().size());
  }

  @Test
  void tensorsAreDrawnAsGridsOfSlices() {
    double[][][] t = new double[3][2][2];
    double[][][] dt = new double[3][2][2];
    CheckResult result =
        GradientCheck.create()
            .traceWorstEntry(true)
            .param("T", t, dt)
            .loss(
                () -> {
                  double s = 0;
                  for (double[][] m : t) {
                    for (double[] row : m) {
                      for (double v : row) {
                        s += v * v;
                      }
                    }
                  }
                  return s;
                })
            .backward(
                () -> {
                  for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 2; b++) {
                      for (int c = 0; c < 2; c++) {
                        dt[a][b][c] = 2 * t[a][b][c];
                      }
                    }
                  }
                })
            .run();
    assertThat(result.passed()).isTrue();
    String html = Report.html(result, "tensor", Map.of());
    assertThat(html).contains("T[0][:][:]").contains("T[2][:][:]").doesNotContain("T[3]");
    assertThat(html).contains("gradient check passed").contains("Error against step");
    assertThat(result.diagnoses()).isEmpty();
    assertThat(html).doesNotContain("Likely bug");
  }

  @Test
  void largeParametersAreDrawnInBlocks() {
    int n = 500;
    double[][] w = new double[n][n];
    double[][] dw = new double[n][n];
    double[] sum = {0};
    CheckResult result =
        GradientCheck.create()
            .mode(CheckMode.EXHAUSTIVE)
            .param("W", w, dw)
            .loss(
                () -> {
                  sum[0] = 0;
                  for (double[] row : w) {
                    sum[0] += row[0];
                  }
                  return sum[0];
                })
            .backward(
                () -> {
                  for (double[] row : dw) {
                    row[0] = 1;
                  }
                })
            .run();
    String html = Report.html(result, "big", Map.of());
    int cells = count(html, "<rect [^>]*stroke=\"#eee\"");
    assertThat(cells).isLessThanOrEqualTo(200 * 200).isGreaterThan(100);
    assertThat(html).contains("worst of a 3×3 block");
  }
}
