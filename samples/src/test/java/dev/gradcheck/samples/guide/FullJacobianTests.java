package dev.gradcheck.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Outcome;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Report;
import org.junit.jupiter.api.Test;

/** The guide's "A full Jacobian": a least-squares model's residuals and their Jacobian. */
class FullJacobianTests {

  /** Residuals {@code theta0 exp(-theta1 t_i) - y_i} of an exponential decay at m = 8 times. */
  static class DecayModel {
    static final double[] T = {0, 0.4, 0.8, 1.2, 1.6, 2.0, 2.4, 2.8};
    static final double[] Y = {2.02, 1.41, 0.97, 0.69, 0.47, 0.33, 0.24, 0.16};

    double[] residuals(double[] theta) {
      double[] r = new double[T.length];
      for (int i = 0; i < T.length; i++) {
        r[i] = theta[0] * Math.exp(-theta[1] * T[i]) - Y[i];
      }
      return r;
    }

    double[][] jacobian(double[] theta) {
      double[][] j = new double[T.length][2];
      for (int i = 0; i < T.length; i++) {
        j[i][0] = Math.exp(-theta[1] * T[i]);
        j[i][1] = -theta[0] * T[i] * Math.exp(-theta[1] * T[i]);
      }
      return j;
    }
  }

  /** The decay whose Jacobian lost the minus sign of {@code ∂r/∂theta1}. */
  static final class SignErrorModel extends DecayModel {
    @Override
    double[][] jacobian(double[] theta) {
      double[][] j = super.jacobian(theta);
      for (double[] row : j) {
        row[1] = -row[1];
      }
      return j;
    }
  }

  static CheckResult check(DecayModel model, double[] theta) {
    GradientCheck check = GradientCheck.create().seed(0x6A1L);
    // spotless:off
    check.param("theta", theta)                    // no gradient: the Jacobian is returned
         .output(() -> model.residuals(theta))     // m output entries
         .jacobian(() -> model.jacobian(theta));   // m x n, every ∂output[i]/∂theta[j] checked
    // spotless:on
    return check.run();
  }

  @Test
  void everyEntryOfTheJacobianIsChecked() {
    CheckResult result = check(new DecayModel(), new double[] {1.8, 0.9});
    assertThat(result.passed()).as(() -> Report.text(result)).isTrue();
    assertThat(result.kind()).isEqualTo(CheckKind.JACOBIAN);
    ParameterResult theta = result.parameter("theta");
    assertThat(theta.outputs()).isEqualTo(8);
    assertThat(theta.size()).isEqualTo(8 * 2);
    assertThat(theta.verified()).isEqualTo(8 * 2);
  }

  @Test
  void aColumnWithTheWrongSignFails() {
    CheckResult result = check(new SignErrorModel(), new double[] {1.8, 0.9});
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(Report.text(result))
        .startsWith("Jacobian of 'theta' is wrong: 7 of 16 entries disagree") // ∂r[0]/∂theta1 = 0
        .contains("of the Jacobian of 'theta' (∂output[:]/∂theta[1]) is sign-flipped");
  }
}
