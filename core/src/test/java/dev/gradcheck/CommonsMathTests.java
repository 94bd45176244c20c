package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.MultivariateDifferentiableFunction;
import org.apache.commons.math3.analysis.function.Gaussian;
import org.apache.commons.math3.analysis.function.Logit;
import org.apache.commons.math3.analysis.function.Sin;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.junit.jupiter.api.Test;

/** commons-math3 functions checked in one line each, through {@link CommonsMath}. */
class CommonsMathTests {

  private static final double[] T = {0, 0.5, 1, 1.5, 2, 2.5};

  /** {@code a exp(-k t) + c} at the times {@link #T}, with its Jacobian times {@code sign}. */
  private static MultivariateJacobianFunction decay(double sign) {
    return point -> {
      double a = point.getEntry(0);
      double k = point.getEntry(1);
      double c = point.getEntry(2);
      RealVector values = new ArrayRealVector(T.length);
      RealMatrix jacobian = new Array2DRowRealMatrix(T.length, 3);
      for (int i = 0; i < T.length; i++) {
        double e = Math.exp(-k * T[i]);
        values.setEntry(i, a * e + c);
        jacobian.setEntry(i, 0, sign * e);
        jacobian.setEntry(i, 1, sign * -a * T[i] * e);
        jacobian.setEntry(i, 2, sign);
      }
      return new Pair<>(values, jacobian);
    };
  }

  private static final RealVector START = new ArrayRealVector(new double[] {2.0, 0.8, 0.3});

  @Test
  void aLeastSquaresModelsJacobianIsCheckedEntryByEntry() {
    CheckResult result =
        CommonsMath.jacobian(GradientCheck.create().seed(1), decay(1), START).run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(result.parameter("point").size()).isEqualTo(18);
    assertThat(START.toArray()).containsExactly(2.0, 0.8, 0.3);
  }

  @Test
  void theResidualsJacobianInPlaceOfTheModelsIsASignErrorOnEveryEntry() {
    CheckResult result =
        CommonsMath.jacobian(GradientCheck.create().seed(1), decay(-1), START).run();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.diagnoses().get(0).shape()).isInstanceOf(BugShape.SignFlip.class);
  }

  @Test
  void aDeclaredNegativeConventionIsCheckedAsSuch() {
    CheckResult result =
        CommonsMath.jacobian(GradientCheck.create().seed(1).expectNegated(), decay(-1), START)
            .run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    CheckResult wrongWay =
        CommonsMath.jacobian(GradientCheck.create().seed(1).expectNegated(), decay(1), START).run();
    assertThat(wrongWay.outcome()).isEqualTo(Outcome.FAILED);
    // The report says that its analytic values are minus what the code returned.
    assertThat(wrongWay.analyticNegated()).isTrue();
    assertThat(Report.text(wrongWay))
        .contains("Jacobian, the code's values negated (expectNegated): analytic is minus")
        .contains("the code returns the derivative itself, not its negative as expectNegated()")
        .doesNotContain("declare expectNegated()");
    CheckResult plain = CommonsMath.jacobian(GradientCheck.create().seed(1), decay(1), START).run();
    assertThat(plain.analyticNegated()).isFalse();
    assertThat(Report.text(plain)).doesNotContain("negated");
  }

  @Test
  void aCurveFittersGaussianModelPasses() {
    CheckResult result =
        CommonsMath.jacobian(
                GradientCheck.create().seed(2),
                new Gaussian.Parametric(),
                new double[] {-1, 0, 0.4, 1.2, 2},
                2.0,
                0.5,
                1.3)
            .run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(result.parameter("parameters").size()).isEqualTo(15);
  }

  @Test
  void theLogitsWrongSignOnHiIsOneColumn() {
    // commons-math3 3.6.1's Logit.Parametric: ∂/∂hi has the wrong sign
    // (docs/commons-math3-parametric.md).
    CheckResult result =
        CommonsMath.jacobian(
                GradientCheck.create().seed(3),
                new Logit.Parametric(),
                new double[] {0.1, 0.4, 0.7, 0.9},
                -0.5,
                1.5)
            .run();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(
            result.parameter("parameters").entries().stream()
                .filter(e -> e.verdict() == Verdict.FAIL)
                .map(EntryResult::index))
        .containsOnly(1)
        .hasSize(4);
    assertThat(result.diagnoses().get(0).summary())
        .contains("column (1)", "∂output[:]/∂parameters[1]", "sign-flipped");
  }

  @Test
  void aUnivariateDifferentiableFunctionsDerivativePasses() {
    CheckResult result =
        CommonsMath.derivative(GradientCheck.create().seed(4), new Sin(), 0.7).run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void aDerivativeStructureWhoseValueDisagreesWithThePlainValueIsNamed() {
    // Gaussian with a negative norm: value(DerivativeStructure) is 0
    // (docs/commons-math3-parametric.md).
    CheckResult result =
        CommonsMath.derivative(GradientCheck.create().seed(5), new Gaussian(-2, 0, 1), 0.3).run();
    assertThat(result.violations())
        .filteredOn(ContractViolation.InconsistentValue.class::isInstance)
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.describe())
                    .contains("value(DerivativeStructure) gives 0", "value(double) gives -1.9"));
    assertThat(result.passed()).isFalse();
  }

  @Test
  void aMultivariateDifferentiableFunctionsGradientIsChecked() {
    MultivariateDifferentiableFunction f =
        new MultivariateDifferentiableFunction() {
          @Override
          public double value(double[] p) {
            return Math.sin(p[0]) * p[1] + p[1] * p[1];
          }

          @Override
          public DerivativeStructure value(DerivativeStructure[] p) {
            return p[0].sin().multiply(p[1]).add(p[1].multiply(p[1]));
          }
        };
    CheckResult result = CommonsMath.gradient(GradientCheck.create().seed(6), f, 0.4, -1.1).run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(result.parameter("point").verified()).isEqualTo(2);
  }
}
