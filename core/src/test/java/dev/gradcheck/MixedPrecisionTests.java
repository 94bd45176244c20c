package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rounding floor of an entry follows what the forward computes its parameter in, not the
 * coarsest precision declared anywhere in the check.
 */
class MixedPrecisionTests {

  /** {@code Σ sin(w_i) + Σ v_j²} with w in double and v in float. */
  private static CheckResult check(double wrongBy) {
    double[] w = {0.3, -0.8, 1.1};
    double[] dw = new double[3];
    float[] v = {0.5f, -0.25f};
    float[] dv = new float[2];
    return GradientCheck.create()
        .seed(3)
        .param("w", w, dw)
        .param("v", v, dv)
        .loss(() -> Math.sin(w[0]) + Math.sin(w[1]) + Math.sin(w[2]) + v[0] * v[0] + v[1] * v[1])
        .backward(
            () -> {
              for (int i = 0; i < 3; i++) {
                dw[i] = Math.cos(w[i]);
              }
              dw[1] *= 1 + wrongBy;
              dv[0] = 2 * v[0];
              dv[1] = 2 * v[1];
            })
        .run();
  }

  @Test
  void aDoubleEntryNextToAFloatParameterIsCheckedToDoublePrecision() {
    CheckResult wrong = check(1e-4);

    assertThat(wrong.parameter("w").entries().get(1).verdict())
        .as(Report.text(wrong))
        .isEqualTo(Verdict.FAIL);
    assertThat(check(0).outcome()).isEqualTo(Outcome.PASSED);
  }

  /** Double parameters, a forward that computes in float: float's floor, no false alarm. */
  @Test
  void aForwardThatComputesInFloatGetsFloatsFloor() {
    for (long seed = 0; seed < 20; seed++) {
      double[] x = {0.31, -0.77, 1.13, 0.52, -1.41, 0.9};
      double[] dx = new double[x.length];
      CheckResult result =
          GradientCheck.create()
              .seed(seed)
              .param("x", x, dx)
              .loss(
                  () -> {
                    float s = 0;
                    for (double v : x) {
                      s += (float) Math.exp((float) v) * (float) v;
                    }
                    return s;
                  })
              .backward(
                  () -> {
                    for (int i = 0; i < x.length; i++) {
                      dx[i] = Math.exp(x[i]) * (1 + x[i]);
                    }
                  })
              .run();
      assertThat(result.outcome())
          .as("seed %d%n%s", seed, Report.text(result))
          .isEqualTo(Outcome.PASSED);
    }
  }
}
