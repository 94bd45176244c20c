package dev.gradcheck.samples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckResult;
import dev.gradcheck.CommonsMath;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.junit.jupiter.api.Test;

/** The README's Jacobian, Hessian and commons-math3 snippets, as tests. */
class DerivativeKindsTest {

  /** Residuals {@code theta0 exp(-theta1 t_i) - y_i} of a decay at six times. */
  static final double[] T = {0, 0.5, 1, 1.5, 2, 2.5};

  static final double[] Y = {2.0, 1.3, 0.8, 0.55, 0.33, 0.2};

  static double[] residuals(double[] theta) {
    double[] r = new double[T.length];
    for (int i = 0; i < T.length; i++) {
      r[i] = theta[0] * Math.exp(-theta[1] * T[i]) - Y[i];
    }
    return r;
  }

  static double[][] jacobian(double[] theta) {
    double[][] j = new double[T.length][2];
    for (int i = 0; i < T.length; i++) {
      j[i][0] = Math.exp(-theta[1] * T[i]);
      j[i][1] = -theta[0] * T[i] * Math.exp(-theta[1] * T[i]);
    }
    return j;
  }

  @GradCheck(points = 3)
  void decayJacobian(GradientCheck check) {
    double[] theta = check.arrays().uniform(0.5, 2, 2);
    check
        .param("theta", theta) // no gradient storage: the Jacobian is returned
        .output(() -> residuals(theta)) // 6 residuals
        .jacobian(() -> jacobian(theta)); // 6 x 2, every entry ∂output[i]/∂theta[j] checked
  }

  /** {@code log(1 + exp(a·w)) + λ/2 ‖w‖²} for one sample {@code a}, λ = 0.1. */
  static final double[] A = {0.7, -1.2, 0.4};

  static double loss(double[] w) {
    double z = A[0] * w[0] + A[1] * w[1] + A[2] * w[2];
    return Math.log1p(Math.exp(z)) + 0.05 * (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
  }

  static void gradient(double[] w, double[] g) {
    double z = A[0] * w[0] + A[1] * w[1] + A[2] * w[2];
    double p = 1 / (1 + Math.exp(-z));
    for (int i = 0; i < 3; i++) {
      g[i] = p * A[i] + 0.1 * w[i];
    }
  }

  static double[][] hessian(double[] w) {
    double z = A[0] * w[0] + A[1] * w[1] + A[2] * w[2];
    double p = 1 / (1 + Math.exp(-z));
    double[][] h = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        h[i][j] = p * (1 - p) * A[i] * A[j] + (i == j ? 0.1 : 0);
      }
    }
    return h;
  }

  @GradCheck(points = 3)
  void newtonHessian(GradientCheck check) {
    double[] w = check.arrays().gaussian(3);
    double[] g = new double[3];
    check
        .param("w", w, g)
        .loss(() -> loss(w))
        .backward(() -> gradient(w, g)) // the gradient is checked first ...
        .hessian(() -> hessian(w)); // ... then every ∂²loss/∂w[i]∂w[j] against its differences
  }

  /** The decay as commons-math3's LeastSquaresBuilder takes it: model values and Jacobian. */
  static final MultivariateJacobianFunction MODEL =
      point -> {
        double[] theta = point.toArray();
        RealVector values = new ArrayRealVector(residuals(theta)).add(new ArrayRealVector(Y));
        RealMatrix j = new Array2DRowRealMatrix(jacobian(theta));
        return new Pair<>(values, j);
      };

  @Test
  void leastSquaresModel() {
    RealVector start = new ArrayRealVector(new double[] {1.8, 0.9});
    CheckResult result = CommonsMath.jacobian(GradientCheck.create(), MODEL, start).run();
    result.assertPassed();
    assertThat(result.parameter("point").verified()).isEqualTo(12);
  }
}
