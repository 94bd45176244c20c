package dev.gradcheck.samples.leastsquares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckFailure;
import java.util.Random;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;
import org.junit.jupiter.api.Test;

/**
 * The least-squares sample checked through the core API alone, as a user of another test framework
 * or of a plain {@code main} would do it.
 */
class ExponentialDecayTests {

  private static final double[] T = new double[15];
  private static final double[] Y = new double[15];

  static {
    Random random = new Random(3);
    for (int i = 0; i < T.length; i++) {
      T[i] = 0.2 * i;
      Y[i] = 2.5 * Math.exp(-1.3 * T[i]) + 0.4 + 0.01 * random.nextGaussian();
    }
  }

  private static CheckResult check(ExponentialDecay model, long seed) {
    return GradientCheck.create()
        .seed(seed)
        .param("theta", model.theta, model.dtheta)
        .output(model::residuals)
        .backward(model::backward)
        .run();
  }

  @Test
  void handWrittenJacobianIsCorrectAtManyPoints() {
    Random random = new Random(11);
    for (int point = 0; point < 20; point++) {
      double[] theta = {random.nextGaussian() * 3, random.nextDouble() * 3, random.nextGaussian()};
      check(new ExponentialDecay(T, Y, theta), point).assertPassed();
    }
  }

  @Test
  void forgottenFactorIsCaughtInTheRateOnly() {
    CheckResult result = check(new BuggyExponentialDecay(T, Y, new double[] {2, 1, 0.5}), 1);
    assertThat(result.passed()).isFalse();
    assertThat(result.parameter("theta").entries())
        .extracting(e -> e.label() + " " + e.verdict())
        .containsExactly("theta[0] PASS", "theta[1] FAIL", "theta[2] PASS");
    assertThatThrownBy(result::assertPassed)
        .isInstanceOf(GradientCheckFailure.class)
        .hasMessageStartingWith("gradient of 'theta' is wrong: 1 of 3 entries disagree");
  }

  @Test
  void theCheckedJacobianFitsTheData() {
    double[] theta = {1, 1, 0};
    ExponentialDecay model = new ExponentialDecay(T, Y, theta);
    Optimum optimum =
        new LevenbergMarquardtOptimizer()
            .optimize(
                new LeastSquaresBuilder()
                    .start(theta.clone())
                    .target(new double[T.length])
                    .model(
                        point -> {
                          System.arraycopy(point.toArray(), 0, theta, 0, 3);
                          return new Pair<>(
                              new ArrayRealVector(model.residuals(), true),
                              new Array2DRowRealMatrix(model.jacobian(), false));
                        })
                    .maxEvaluations(1000)
                    .maxIterations(1000)
                    .build());
    double[] fitted = optimum.getPoint().toArray();
    assertThat(fitted[0]).isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.05));
    assertThat(fitted[1]).isCloseTo(1.3, org.assertj.core.data.Offset.offset(0.05));
    assertThat(fitted[2]).isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.05));
  }
}
