package dev.gradcheck.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Outcome;
import dev.gradcheck.Report;
import org.junit.jupiter.api.Test;

/** The guide's "Hessians": value, gradient and Hessian of a Newton solver's loss in one check. */
class HessianTests {

  /**
   * An L2-regularised logistic loss {@code Σ log(1 + exp(-y_k a_k·w)) + λ/2 ‖w‖²} over four
   * samples, λ = 0.1, with its gradient and Hessian as a Newton solver computes them.
   */
  static class NewtonSolver {
    static final double[][] A = {
      {0.7, -1.2, 0.4}, {-0.3, 0.8, 1.1}, {1.5, 0.2, -0.6}, {-0.9, -0.4, 0.3}
    };
    static final double[] Y = {1, -1, 1, -1};
    static final double LAMBDA = 0.1;

    double loss(double[] w) {
      double sum = LAMBDA / 2 * dot(w, w);
      for (int k = 0; k < A.length; k++) {
        sum += Math.log1p(Math.exp(-Y[k] * dot(A[k], w)));
      }
      return sum;
    }

    void gradient(double[] w, double[] g) {
      for (int i = 0; i < w.length; i++) {
        g[i] = LAMBDA * w[i];
      }
      for (int k = 0; k < A.length; k++) {
        double sigma = 1 / (1 + Math.exp(Y[k] * dot(A[k], w)));
        for (int i = 0; i < w.length; i++) {
          g[i] -= Y[k] * sigma * A[k][i];
        }
      }
    }

    double[][] hessian(double[] w) {
      double[][] h = new double[w.length][w.length];
      for (int i = 0; i < w.length; i++) {
        h[i][i] = damping();
      }
      for (int k = 0; k < A.length; k++) {
        double sigma = 1 / (1 + Math.exp(Y[k] * dot(A[k], w)));
        for (int i = 0; i < w.length; i++) {
          for (int j = 0; j < w.length; j++) {
            h[i][j] += sigma * (1 - sigma) * A[k][i] * A[k][j];
          }
        }
      }
      return h;
    }

    /** The λI of the penalty on the Hessian's diagonal. */
    double damping() {
      return LAMBDA;
    }

    static double dot(double[] a, double[] b) {
      double sum = 0;
      for (int i = 0; i < a.length; i++) {
        sum += a[i] * b[i];
      }
      return sum;
    }

    CheckResult check(double[] w) {
      double[] g = new double[w.length];
      GradientCheck check = GradientCheck.create().seed(0x4E5L);
      // spotless:off
      check.param("w", w, g)
           .loss(() -> loss(w))
           .backward(() -> gradient(w, g)) // the gradient is checked first ...
           .hessian(() -> hessian(w));     // ... then every ∂²loss/∂w[i]∂w[j] against its differences
      // spotless:on
      return check.run();
    }
  }

  /** The solver whose Hessian forgot the penalty's λI. */
  static final class UndampedHessian extends NewtonSolver {
    @Override
    double damping() {
      return 0;
    }
  }

  @Test
  void gradientFirstThenEveryHessianEntry() {
    CheckResult result = new NewtonSolver().check(new double[] {0.3, -0.5, 0.8});
    assertThat(result.passed()).as(() -> Report.text(result)).isTrue();
    assertThat(result.kind()).isEqualTo(CheckKind.LOSS_GRADIENT);
    assertThat(result.parameter("w").verified()).isEqualTo(3);
    assertThat(result.followUps())
        .singleElement()
        .satisfies(
            hessian -> {
              assertThat(hessian.kind()).isEqualTo(CheckKind.HESSIAN);
              assertThat(hessian.parameter("w").verified()).isEqualTo(3 * 3);
            });
  }

  @Test
  void aHessianWithoutItsDampingFails() {
    CheckResult result = new UndampedHessian().check(new double[] {0.3, -0.5, 0.8});
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.skipped()).isEmpty();
    assertThat(Report.text(result))
        .startsWith("Hessian of 'w' is wrong")
        .contains("gradient")
        .contains("verified first");
  }
}
