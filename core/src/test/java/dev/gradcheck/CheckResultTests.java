package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradcheck.internal.diagnosis.Diagnoser;
import dev.gradcheck.internal.result.DefaultCheckResult;
import dev.gradcheck.internal.result.DefaultEntryResult;
import dev.gradcheck.internal.result.DefaultParameterResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Results built by hand, to pin down counting, ranking and the structure of the rendered facts
 * independently of the numerics.
 */
class CheckResultTests {

  private static EntryResult entry(
      String parameter, int index, double analytic, double numeric, Verdict verdict) {
    return new DefaultEntryResult(
        parameter,
        index,
        -1,
        parameter + "[" + index + "]",
        analytic,
        numeric,
        1e-10,
        1e-8,
        Double.NaN,
        Double.NaN,
        verdict,
        verdict == Verdict.INCONCLUSIVE ? "cannot be resolved" : "",
        Double.NaN,
        false,
        false,
        1e-9);
  }

  private static ParameterResult parameter(String name, EntryResult... entries) {
    return new DefaultParameterResult(
        name, "double[]", new int[] {entries.length}, List.of(entries), 0, 0, 1e-4);
  }

  private static CheckResult result(List<ContractViolation> violations, ParameterResult... ps) {
    DefaultCheckResult r =
        new DefaultCheckResult(
            CheckKind.LOSS_GRADIENT,
            List.of(ps),
            violations,
            List.of(),
            57,
            0x5A3C91L,
            3e-16,
            2.2e-16,
            null,
            null,
            0.9,
            false);
    return r.withDiagnoses(Diagnoser.diagnose(r));
  }

  /** The keys of the rendered facts, in order: each fact line's text before its colon. */
  private static List<String> keys(String render) {
    return render
        .lines()
        .skip(1)
        .filter(l -> !l.startsWith("    "))
        .map(l -> l.substring(0, l.indexOf(':')).strip())
        .toList();
  }

  @Test
  void entryErrors() {
    EntryResult e = entry("w", 0, 1.1, 1.0, Verdict.FAIL);
    assertThat(e.absoluteError()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(e.relativeError()).isCloseTo(0.1 / 1.1, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(e.excess())
        .isCloseTo(0.1 / 1e-8, org.assertj.core.data.Percentage.withPercentage(1e-6));
    assertThat(entry("w", 0, 0, 0, Verdict.PASS).relativeError()).isZero();
    assertThat(entry("w", 0, 0, 0, Verdict.PASS).excess()).isZero();
    assertThat(entry("w", 0, 1, Double.NaN, Verdict.FAIL).excess()).isInfinite();
    assertThat(entry("w", 0, 1, Double.NaN, Verdict.INCONCLUSIVE).excess()).isZero();
  }

  @Test
  void verdictsThatVerify() {
    assertThat(Verdict.PASS.verified()).isTrue();
    assertThat(Verdict.KINK.verified()).isTrue();
    assertThat(Verdict.FAIL.verified()).isFalse();
    assertThat(Verdict.INCONCLUSIVE.verified()).isFalse();
  }

  @Test
  void precisions() {
    assertThat(Precision.DOUBLE.epsilon()).isEqualTo(0x1p-52);
    assertThat(Precision.FLOAT.epsilon()).isEqualTo(0x1p-23);
    assertThat(Precision.DOUBLE.coarser(Precision.FLOAT)).isEqualTo(Precision.FLOAT);
    assertThat(Precision.FLOAT.coarser(Precision.DOUBLE)).isEqualTo(Precision.FLOAT);
    assertThat(Precision.DOUBLE.coarser(Precision.DOUBLE)).isEqualTo(Precision.DOUBLE);
  }

  @Test
  void parameterCountsAndWorstEntries() {
    ParameterResult p =
        parameter(
            "w",
            entry("w", 0, 1.0, 1.0, Verdict.PASS),
            entry("w", 1, 2.0, 1.0, Verdict.FAIL),
            entry("w", 2, 1.5, 1.0, Verdict.FAIL),
            entry("w", 3, 1.0, Double.NaN, Verdict.INCONCLUSIVE),
            entry("w", 4, 0.5, 0.0, Verdict.KINK));

    assertThat(p.checked()).isEqualTo(5);
    assertThat(p.count(Verdict.FAIL)).isEqualTo(2);
    assertThat(p.ok()).isFalse();
    assertThat(p.worst(2)).extracting(EntryResult::label).containsExactly("w[1]", "w[2]");
    assertThat(p.largestAbsoluteError()).isEqualTo(1.0);
    assertThat(p.largestRelativeError()).isEqualTo(0.5);
    assertThat(p.toString())
        .contains("w[5]")
        .contains("1 pass")
        .contains("2 fail")
        .contains("1 inconclusive")
        .contains("1 kink");
    // The shape is a copy.
    p.shape()[0] = 99;
    assertThat(p.shape()).containsExactly(5);
  }

  @Test
  void unknownParameterNameIsAnError() {
    CheckResult r = result(List.of(), parameter("w", entry("w", 0, 1, 1, Verdict.PASS)));
    assertThat(r.parameter("w").name()).isEqualTo("w");
    assertThatThrownBy(() -> r.parameter("v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'v'");
  }

  @Test
  void passingRender() {
    CheckResult r =
        result(
            List.of(),
            parameter("w", entry("w", 0, 1, 1, Verdict.PASS), entry("w", 1, 0.5, 0, Verdict.KINK)));

    assertThat(r.passed()).isTrue();
    String render = Report.text(r);
    assertThat(render.lines().findFirst().orElseThrow())
        .startsWith("gradient check passed")
        .contains("2 entries of 1 parameter")
        .contains("w 2/2");
    assertThat(keys(render)).doesNotContain("problem", "worst entry", "worst entries");
    assertThat(keys(render))
        .containsSubsequence("parameters", "check", "noise", "seed", "evaluations");
    assertThat(render.lines()).contains("seed        : 0x5A3C91L", "evaluations : 57");
  }

  @Test
  void oneWrongParameterAmongGoodOnes() {
    CheckResult r =
        result(
            List.of(),
            parameter(
                "b",
                entry("b", 0, -0.41233, 0.41233, Verdict.FAIL),
                entry("b", 1, -1.5, 1.5, Verdict.FAIL)),
            parameter("W", entry("W", 0, 1, 1, Verdict.PASS)));

    String render = Report.text(r);
    assertThat(render.lines().findFirst().orElseThrow())
        .isEqualTo("gradient of 'b' is wrong: 2 of 2 entries disagree (W 1/1 ok)");
    assertThat(keys(render))
        .containsSubsequence(
            "worst entry",
            "analytic",
            "numeric",
            "difference",
            "worst entries",
            "parameters",
            "check",
            "noise",
            "seed",
            "evaluations");
    assertThat(render.lines())
        .anyMatch(l -> l.startsWith("worst entry") && l.contains("b[1]") && l.contains("FAIL"));
    // analytic and numeric are aligned on their decimal points.
    String analytic = line(render, "analytic");
    String numeric = line(render, "numeric");
    assertThat(analytic.indexOf('.')).isEqualTo(numeric.indexOf('.'));
    assertThat(numeric).contains("±");
  }

  @Test
  void severalWrongParameters() {
    CheckResult r =
        result(
            List.of(),
            parameter("a", entry("a", 0, 2, 1, Verdict.FAIL), entry("a", 1, 1, 1, Verdict.PASS)),
            parameter("c", entry("c", 0, 3, 1, Verdict.FAIL)));

    assertThat(Report.text(r).lines().findFirst().orElseThrow())
        .startsWith("gradients are wrong")
        .contains("'a' 1 of 2")
        .contains("'c' 1 of 1");
  }

  @Test
  void singleEntryParameterHeadline() {
    CheckResult r = result(List.of(), parameter("c", entry("c", 0, 3, 1, Verdict.FAIL)));
    assertThat(Report.text(r).lines().findFirst().orElseThrow()).contains("1 of 1 entry disagrees");
  }

  @Test
  void violationLeadsTheRender() {
    ContractViolation v = new ContractViolation.NondeterministicForward("loss", 1.0, 1.0 + 1e-12);
    CheckResult r = result(List.of(v), parameter("w", entry("w", 0, 1, 1, Verdict.PASS)));

    assertThat(r.passed()).isFalse();
    String render = Report.text(r);
    assertThat(render.lines().findFirst().orElseThrow())
        .isEqualTo("gradient check failed: nondeterministic forward");
    assertThat(keys(render)).contains("problem");
    assertThat(keys(render).indexOf("problem")).isLessThan(keys(render).indexOf("parameters"));
    // Values that agree to five digits are shown in full so that they differ.
    assertThat(v.describe()).contains("1.0 then 1.000000000001");
  }

  @Test
  void violationDescriptionsNameWhatAndWhere() {
    assertThat(
            new ContractViolation.MutatedParameter("W", "W[0][1]", "forward", 0.5, 0.0).describe())
        .contains("forward")
        .contains("W[0][1]")
        .contains("0.5")
        .contains("0");
    assertThat(new ContractViolation.AccumulatingBackward("W", "W[1]", 0, 1).describe())
        .contains("W[1]")
        .doesNotContain("×");
    assertThat(new ContractViolation.NonFiniteValue("output[2]", Double.NaN, "at x").describe())
        .isEqualTo("output[2] is NaN at x");
    assertThat(new ContractViolation.ParameterNotRestored("s", "s[0]", 0.12345, 0.123).describe())
        .contains("s[0]")
        .contains("0.12345")
        .contains("0.123");
  }

  private static String line(String render, String key) {
    return render.lines().filter(l -> l.startsWith(key + " ")).findFirst().orElseThrow();
  }
}
