package dev.gradcheck.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Param;
import dev.gradcheck.Report;
import org.junit.jupiter.api.Test;

/** The guide's "Parameters far from order one": variances of about 1e-8. */
class ParamScaleTests {

  /**
   * The negative log-likelihood {@code Σ ½ log v_i + r_i² / (2 v_i)} of residuals {@code r_i} of
   * about 1e-4 under variances {@code v_i}, and its gradient; records the smallest fraction of its
   * declared value any variance was evaluated at.
   */
  static final class Likelihood {
    static final double[] R = {1.1e-4, -0.8e-4, 1.4e-4, -0.5e-4};
    final double[] declared;
    double smallestFraction = Double.POSITIVE_INFINITY;

    Likelihood(double[] v) {
      this.declared = v.clone();
    }

    double loss(double[] v) {
      double sum = 0;
      for (int i = 0; i < v.length; i++) {
        smallestFraction = Math.min(smallestFraction, v[i] / declared[i]);
        sum += 0.5 * Math.log(v[i]) + R[i] * R[i] / (2 * v[i]);
      }
      return sum;
    }

    void gradient(double[] v, double[] dv) {
      for (int i = 0; i < v.length; i++) {
        dv[i] = 0.5 / v[i] - R[i] * R[i] / (2 * v[i] * v[i]);
      }
    }
  }

  @Test
  void aDeclaredScaleVerifiesTinyVariancesAndStaysPositive() {
    double[] v = {1.3e-8, 0.7e-8, 2.1e-8, 0.4e-8};
    double[] dv = new double[v.length];
    Likelihood likelihood = new Likelihood(v);
    GradientCheck check = GradientCheck.create().seed(0x5CA1EL);
    check.param("variance", v, dv, Param.scale(1e-8).positive());
    CheckResult result =
        check.loss(() -> likelihood.loss(v)).backward(() -> likelihood.gradient(v, dv)).run();
    assertThat(result.passed()).as(() -> Report.text(result)).isTrue();
    assertThat(result.parameter("variance").verified()).isEqualTo(v.length);
    assertThat(likelihood.smallestFraction)
        .as("no step moves a positive parameter to half its value or below")
        .isGreaterThan(0.5);
  }
}
