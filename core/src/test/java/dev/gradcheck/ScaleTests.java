package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parameters far from order one: steps sized for magnitude 1 are huge against an entry of 1e-8,
 * which used to be blamed on a noisy forward. A declared scale sizes the steps; without one, the
 * message says that the step is the cause and what to declare.
 */
class ScaleTests {

  /** {@code sin(v0/s) + cos(v1/s)}: a function that varies on the scale {@code s} of its input. */
  private static CheckResult check(double s, Param options, double wrongBy) {
    double[] v = {1.3 * s, 0.7 * s};
    double[] dv = new double[2];
    double k = 1 / s;
    GradientCheck check = GradientCheck.create().seed(1);
    if (options == null) {
      check.param("v", v, dv);
    } else {
      check.param("v", v, dv, options);
    }
    return check
        .loss(() -> Math.sin(k * v[0]) + Math.cos(k * v[1]))
        .backward(
            () -> {
              dv[0] = k * Math.cos(k * v[0]) * (1 + wrongBy);
              dv[1] = -k * Math.sin(k * v[1]);
            })
        .run();
  }

  @ParameterizedTest(name = "scale {0}")
  @ValueSource(doubles = {1e-8, 1e-7, 1e-300})
  void withoutADeclaredScaleTheMessageNamesTheStepAsTheCause(double s) {
    CheckResult result = check(s, null, 0);

    assertThat(result.count(Verdict.FAIL)).isZero();
    EntryResult e = result.parameter("v").entries().get(0);
    assertThat(e.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(e.note())
        .contains("are large against this entry")
        .contains("declare its scale")
        .contains("Param.scale(")
        .doesNotContain("noisy");
    if (s == 1e-8) {
      // The user guide quotes this note.
      assertThat(e.note())
          .isEqualTo(
              "the steps (up to 2.4e-04) are large against this entry (1.3000e-08): declare its"
                  + " scale, as in param(\"v\", values, gradient, Param.scale(1.3e-08))");
    }
  }

  @ParameterizedTest(name = "scale {0}")
  @ValueSource(doubles = {1e-8, 1e-7, 1e-300})
  void aDeclaredScaleVerifiesTheEntries(double s) {
    CheckResult result = check(s, Param.scale(s), 0);

    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
  }

  @ParameterizedTest(name = "scale {0}")
  @ValueSource(doubles = {1e-8, 1e-7, 1e-300})
  void aDeclaredScaleCatchesASmallError(double s) {
    CheckResult result = check(s, Param.scale(s), 1e-5);

    assertThat(result.parameter("v").entries().get(0).verdict())
        .as(Report.text(result))
        .isEqualTo(Verdict.FAIL);
  }

  /** A variance of 1e-8 under a log and a square root: steps must never cross zero. */
  @Test
  void aPositiveParameterIsNeverMovedAcrossZero() {
    double[] var = {1e-8, 4e-8};
    double[] dvar = new double[2];
    double[] r = {3e-4, -1e-4};
    boolean[] crossed = {false};
    CheckResult result =
        GradientCheck.create()
            .seed(2)
            .param("var", var, dvar, Param.scale(1e-3).positive())
            .loss(
                () -> {
                  double s = 0;
                  for (int i = 0; i < 2; i++) {
                    crossed[0] |= var[i] <= 0;
                    s += 0.5 * Math.log(var[i]) + r[i] * r[i] / (2 * var[i]);
                  }
                  return s;
                })
            .backward(
                () -> {
                  for (int i = 0; i < 2; i++) {
                    dvar[i] = 0.5 / var[i] - r[i] * r[i] / (2 * var[i] * var[i]);
                  }
                })
            .run();

    assertThat(crossed[0]).isFalse();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void aScaleMustBePositiveAndFinite() {
    assertThatThrownBy(() -> Param.scale(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Param.scale")
        .hasMessageContaining("0.0");
    assertThatThrownBy(() -> Param.scale(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Param.scale(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
