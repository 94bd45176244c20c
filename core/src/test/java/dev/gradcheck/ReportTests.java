package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTests {

  /** A gradient off by {@code relative} on entry 1 only; exact elsewhere. */
  private static GradientCheck offBy(double relative) {
    double[] w = {0.3, -1.7, 2.2};
    double[] g = new double[3];
    return GradientCheck.create()
        .seed(0x5A3C91L)
        .param("w", w, g)
        .loss(() -> w[0] * w[0] + w[1] * w[1] * w[1] + Math.sin(w[2]))
        .backward(
            () -> {
              g[0] = 2 * w[0];
              g[1] = 3 * w[1] * w[1] * (1 + relative);
              g[2] = Math.cos(w[2]);
            });
  }

  @Test
  void entriesSummarizeInTheTextReportsFormats() {
    CheckResult result = offBy(1e-3).run();
    Map<String, String> entries = Report.entries(result);

    assertThat(entries.keySet())
        .containsExactly(
            "gradcheck.result",
            "gradcheck.seed",
            "gradcheck.evaluations",
            "gradcheck.largestRelativeError.w",
            "gradcheck.verified.w");
    assertThat(entries)
        .containsEntry("gradcheck.result", "failed")
        .containsEntry("gradcheck.seed", "0x5A3C91L")
        .containsEntry("gradcheck.evaluations", Long.toString(result.evaluations()))
        .containsEntry("gradcheck.verified.w", "2 of 3 entries");
    // The same number, in the same format, as the text report's parameter table.
    String largest = entries.get("gradcheck.largestRelativeError.w");
    assertThat(largest).matches("\\d\\.\\de-0\\d over 3 entries of shape \\[3]");
    assertThat(Report.text(result))
        .contains("largest relative error " + largest.substring(0, largest.indexOf(' ')))
        .contains("seed        : 0x5A3C91L");
  }

  @Test
  void entriesCountUncheckedEntriesWhenTheBudgetRunsOut() {
    GradientCheck check = GradientCheck.create().seed(3);
    double[] w = check.arrays().gaussian(200);
    double[] g = new double[200];
    CheckResult result =
        check
            .mode(CheckMode.EXHAUSTIVE)
            .maxEvaluations(100)
            .param("w", w, g)
            .loss(() -> java.util.Arrays.stream(w).map(x -> x * x * x).sum())
            .backward(
                () -> {
                  for (int i = 0; i < w.length; i++) {
                    g[i] = 3 * w[i] * w[i];
                  }
                })
            .run();

    assertThat(Report.entries(result))
        .containsEntry(
            "gradcheck.unchecked",
            result.parameter("w").unchecked() + " entries: the evaluation budget ran out");
    assertThat(result.parameter("w").unchecked()).isPositive();
  }

  @Test
  void diffSidesDifferOnFailingEntriesEvenWhereFiveDigitsAgree() {
    // 1e-7 relative: far beyond double differences' resolution, invisible at five digits.
    GradientCheckFailure failure =
        catchThrowableOfType(GradientCheckFailure.class, () -> offBy(1e-7).verify());

    String expected = (String) failure.getExpected().getValue();
    String actual = (String) failure.getActual().getValue();
    assertThat(expected.lines()).hasSize(3).first().asString().startsWith("w[1] = ");
    assertThat(expected.lines().toList().get(0)).isNotEqualTo(actual.lines().toList().get(0));
    double numeric = Double.parseDouble(expected.lines().toList().get(0).substring(7));
    double analytic = Double.parseDouble(actual.lines().toList().get(0).substring(7));
    assertThat(analytic / numeric - 1).isCloseTo(1e-7, org.assertj.core.data.Offset.offset(1e-9));
    // Passing entries show one short value on both sides.
    assertThat(expected.lines().skip(1)).isEqualTo(actual.lines().skip(1).toList());
    assertThat(expected.lines().toList().get(1)).isEqualTo("w[0] = 0.6");
  }
}
