package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.junit.jupiter.api.Test;

/** Hessians and Hessian-vector products, checked against differences of the verified gradient. */
class SecondOrderTests {

  /** {@code x0² x1 + sin(x2) x0 + λ/2 ‖x‖²} with λ = 0.1. */
  static double loss(double[] x) {
    return x[0] * x[0] * x[1]
        + Math.sin(x[2]) * x[0]
        + 0.05 * (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
  }

  static void gradient(double[] x, double[] g) {
    g[0] = 2 * x[0] * x[1] + Math.sin(x[2]) + 0.1 * x[0];
    g[1] = x[0] * x[0] + 0.1 * x[1];
    g[2] = Math.cos(x[2]) * x[0] + 0.1 * x[2];
  }

  static double[][] hessian(double[] x) {
    return new double[][] {
      {2 * x[1] + 0.1, 2 * x[0], Math.cos(x[2])},
      {2 * x[0], 0.1, 0},
      {Math.cos(x[2]), 0, -Math.sin(x[2]) * x[0] + 0.1}
    };
  }

  static double[] times(double[][] h, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += h[i][j] * v[j];
      }
    }
    return out;
  }

  private static final double[] POINT = {0.7, -0.4, 1.1};

  private static CheckResult check(UnaryOperator<double[][]> bug) {
    double[] x = POINT.clone();
    double[] g = new double[3];
    return GradientCheck.create()
        .seed(1)
        .param("x", x, g)
        .loss(() -> loss(x))
        .backward(() -> gradient(x, g))
        .hessian(() -> bug.apply(hessian(x)))
        .run();
  }

  private static CheckResult hessianOf(CheckResult result) {
    assertThat(result.followUps()).hasSize(1);
    CheckResult hessian = result.followUps().get(0);
    assertThat(hessian.kind()).isEqualTo(CheckKind.HESSIAN);
    return hessian;
  }

  @Test
  void correctValueGradientAndHessianPassInOneDeclaration() {
    CheckResult result = check(h -> h);
    assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(result.kind()).isEqualTo(CheckKind.LOSS_GRADIENT);
    CheckResult hessian = hessianOf(result);
    ParameterResult x = hessian.parameter("x");
    assertThat(x.size()).isEqualTo(9);
    assertThat(x.verified()).isEqualTo(9);
    assertThat(x.entries())
        .extracting(EntryResult::label)
        .contains("∂²loss/∂x[0]∂x[2]", "∂²loss/∂x[2]∂x[0]", "∂²loss/∂x[1]∂x[1]");
    assertThat(Report.text(result))
        .startsWith("gradient and Hessian checks passed: gradient (x 3/3), Hessian (x 9/9)")
        .containsPattern("\nHessian +: verified too \\(x 9/9\\)");
  }

  @Test
  void aWrongHessianEntryFailsTheDeclarationAndTheReportSaysTheGradientWasRight() {
    CheckResult result =
        check(
            h -> {
              h[0][1] *= 1.001;
              h[1][0] *= 1.001;
              return h;
            });
    assertThat(result.passed()).isFalse();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.parameter("x").verified()).isEqualTo(3); // the gradient itself is right
    assertThat(
            hessianOf(result).parameter("x").entries().stream()
                .filter(e -> e.verdict() == Verdict.FAIL))
        .extracting(EntryResult::label)
        .containsExactlyInAnyOrder("∂²loss/∂x[0]∂x[1]", "∂²loss/∂x[1]∂x[0]");
    assertThat(Report.text(result))
        .startsWith("Hessian of 'x' is wrong: 2 of 9 entries disagree")
        .containsPattern("\ngradient +: verified first \\(x 3/3\\)");
    assertThatThrownBy(result::assertPassed)
        .isInstanceOf(GradientCheckFailure.class)
        .hasMessageStartingWith("Hessian of 'x' is wrong");
  }

  @Test
  void aWrongGradientIsReportedAndTheHessianIsNotChecked() {
    double[] x = POINT.clone();
    double[] g = new double[3];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("x", x, g)
            .loss(() -> loss(x))
            .backward(
                () -> {
                  gradient(x, g);
                  g[1] *= 2;
                })
            .hessian(() -> hessian(x))
            .run();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.followUps()).isEmpty();
    assertThat(result.skipped()).containsExactly(CheckKind.HESSIAN);
    assertThat(Report.text(result))
        .startsWith("gradient of 'x' is wrong")
        .contains("Hessian     : not checked: it is compared with the gradient, which failed");
  }

  @Test
  void anAsymmetricHessianIsItsOwnFindingAndTheWrongTriangleFails() {
    CheckResult result =
        check(
            h -> {
              h[2][0] = -h[2][0];
              return h;
            });
    CheckResult hessian = hessianOf(result);
    assertThat(hessian.violations())
        .singleElement()
        .isEqualTo(
            new ContractViolation.AsymmetricHessian(
                "∂²loss/∂x[0]∂x[2]", "∂²loss/∂x[2]∂x[0]", Math.cos(1.1), -Math.cos(1.1)));
    assertThat(hessian.parameter("x").entries().stream().filter(e -> e.verdict() == Verdict.FAIL))
        .extracting(EntryResult::label)
        .containsExactly("∂²loss/∂x[2]∂x[0]");
    assertThat(Report.text(result))
        .contains("asymmetric Hessian: ∂²loss/∂x[0]∂x[2] = 0.4536 but ∂²loss/∂x[2]∂x[0] = -0.4536");
  }

  @Test
  void aForgottenDampingTermIsDiagnosedAsAMultipleOfTheIdentity() {
    CheckResult result =
        check(
            h -> {
              for (int i = 0; i < 3; i++) {
                h[i][i] -= 0.1;
              }
              return h;
            });
    Diagnosis d = hessianOf(result).diagnoses().get(0);
    assertThat(d.shape()).isInstanceOf(BugShape.IdentityTerm.class);
    assertThat(((BugShape.IdentityTerm) d.shape()).coefficient())
        .isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.summary()).contains("λI (λ = 1.0e-01?) is missing");
  }

  @Test
  void aHessianVectorProductIsCheckedEntryByEntry() {
    double[] x = POINT.clone();
    double[] g = new double[3];
    CheckResult result =
        GradientCheck.create()
            .seed(2)
            .param("x", x, g)
            .loss(() -> loss(x))
            .backward(() -> gradient(x, g))
            .hessianVectorProduct(v -> times(hessian(x), v))
            .run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(hessianOf(result).parameter("x").verified()).isEqualTo(9);
  }

  @Test
  void aHessianVectorProductThatDropsTheSignOfVIsNamed() {
    double[] x = POINT.clone();
    double[] g = new double[3];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("x", x, g)
            .loss(() -> loss(x))
            .backward(() -> gradient(x, g))
            .hessianVectorProduct(
                v -> {
                  double[] abs = new double[v.length];
                  for (int i = 0; i < v.length; i++) {
                    abs[i] = Math.abs(v[i]);
                  }
                  return times(hessian(x), abs);
                })
            .run();
    assertThat(result.passed()).isFalse();
    ContractViolation v = hessianOf(result).violations().get(0);
    assertThat(v).isInstanceOf(ContractViolation.NotLinear.class);
    assertThat(((ContractViolation.NotLinear) v).failure())
        .isEqualTo(ContractViolation.NotLinear.Failure.SIGN_IGNORED);
    assertThat(v.describe()).contains("(H·v)[x[").contains("as |v| would");
    // A matrix from products that are not linear is not judged, and its noise never measured.
    assertThat(hessianOf(result).parameters()).isEmpty();
    assertThat(Report.text(result))
        .containsPattern(
            "\\nnoise +: not measured \\(a contract broke at the declared point first\\)");
  }

  @Test
  void severalParametersShareOneHessianInDeclarationOrder() {
    double[] a = {0.4, -0.9};
    double[] b = {1.3};
    double[] ga = new double[2];
    double[] gb = new double[1];
    // loss = a0 a1 b0 + b0² / 2
    CheckResult result =
        GradientCheck.create()
            .seed(3)
            .param("a", a, ga)
            .param("b", b, gb)
            .loss(() -> a[0] * a[1] * b[0] + b[0] * b[0] / 2)
            .backward(
                () -> {
                  ga[0] = a[1] * b[0];
                  ga[1] = a[0] * b[0];
                  gb[0] = a[0] * a[1] + b[0];
                })
            .hessian(
                () ->
                    new Array2DRowRealMatrix(
                        new double[][] {{0, b[0], a[1]}, {b[0], 0, a[0]}, {a[1], a[0], 1}}))
            .run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    CheckResult hessian = hessianOf(result);
    assertThat(hessian.parameter("a").size()).isEqualTo(6);
    assertThat(hessian.parameter("b").entries())
        .extracting(EntryResult::label)
        .containsExactlyInAnyOrder("∂²loss/∂a[0]∂b[0]", "∂²loss/∂a[1]∂b[0]", "∂²loss/∂b[0]∂b[0]");
    assertThat(a).containsExactly(0.4, -0.9);
    assertThat(b).containsExactly(1.3);
  }

  @Test
  void theGradientStorageEndsAsTheGradientAtTheDeclaredPoint() {
    CheckResult result = check(h -> h);
    assertThat(result.passed()).isTrue();
    double[] x = POINT.clone();
    double[] g = new double[3];
    double[] expected = new double[3];
    gradient(x, expected);
    GradientCheck.create()
        .seed(1)
        .param("x", x, g)
        .loss(() -> loss(x))
        .backward(() -> gradient(x, g))
        .hessian(() -> hessian(x))
        .verify();
    assertThat(g).containsExactly(expected);
    assertThat(x).containsExactly(POINT);
  }

  @Test
  void aHessianNeedsALossAndBackwardBeforeIt() {
    double[] x = POINT.clone();
    assertThatThrownBy(
            () ->
                GradientCheck.create()
                    .param("x", x)
                    .output(() -> x)
                    .jacobian(() -> new double[3][3])
                    .hessian(() -> hessian(x)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hessian(...) follows loss(...).backward(...)");
    assertThatThrownBy(
            () ->
                GradientCheck.create()
                    .param("x", x, new double[3])
                    .loss(() -> loss(x))
                    .backward(() -> {})
                    .hessian(() -> hessian(x))
                    .hessianVectorProduct(v -> v))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a Hessian is already declared");
  }

  @Test
  void aHessianOfTheWrongSizeSaysWhatIsExpected() {
    CheckResult[] holder = new CheckResult[1];
    assertThatThrownBy(() -> holder[0] = check(h -> new double[][] {{1, 2}, {3, 4}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("the hessian returned double[][] of shape [2, 2]", "of 3 rows");
    assertThat(holder[0]).isNull();
  }

  private static CheckResult fromLossAlone(UnaryOperator<double[][]> bug, long seed) {
    double[] x = POINT.clone();
    return GradientCheck.create()
        .seed(seed)
        .param("x", x)
        .loss(() -> loss(x))
        .hessian(() -> bug.apply(hessian(x)))
        .run();
  }

  @Test
  void aHessianOfALossWithoutBackwardIsCheckedAgainstSecondDifferences() {
    for (long seed = 0; seed < 20; seed++) {
      CheckResult result = fromLossAlone(h -> h, seed);
      assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
      assertThat(result.kind()).isEqualTo(CheckKind.HESSIAN);
      assertThat(result.parameter("x").verified()).isEqualTo(9);
      // Resolved more coarsely than against a backward's gradient, as the guide says.
      assertThat(result.parameter("x").entries())
          .allSatisfy(e -> assertThat(e.resolution()).isLessThan(1e-4));
    }
  }

  @Test
  void secondDifferencesOfTheLossCatchAWrongEntryAndCountLossEvaluations() {
    CheckResult result =
        fromLossAlone(
            h -> {
              h[1][1] *= 1.001;
              return h;
            },
            1);
    assertThat(result.parameter("x").entries().stream().filter(e -> e.verdict() == Verdict.FAIL))
        .extracting(EntryResult::label)
        .containsExactly("∂²loss/∂x[1]∂x[1]");
    // Every evaluation of the difference gradient (at two inner steps) is 6n = 18 loss
    // evaluations.
    assertThat(result.evaluations() % 18).isZero();
  }

  @Test
  void aLossWithoutBackwardTakesParametersWithoutGradient() {
    double[] x = POINT.clone();
    assertThatThrownBy(
            () ->
                GradientCheck.create()
                    .param("x", x, new double[3])
                    .loss(() -> loss(x))
                    .hessian(() -> hessian(x))
                    .run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("declare param(\"x\", values)");
  }

  @Test
  void anExactlyZeroHessianOfAPiecewiseLinearLossPassesAsFlatAndSaysSo() {
    // A hinge loss sum max(0, 1 - y a·w): its gradient is piecewise constant, its Hessian zero.
    double[] w = {0.3, -0.8};
    double[] g = new double[2];
    double[][] a = {{1.0, 0.5}, {-0.4, 1.2}, {0.7, -0.9}};
    double[] y = {1, -1, 1};
    CheckResult result =
        GradientCheck.create()
            .seed(9)
            .param("w", w, g)
            .loss(
                () -> {
                  double sum = 0;
                  for (int i = 0; i < a.length; i++) {
                    sum += Math.max(0, 1 - y[i] * (a[i][0] * w[0] + a[i][1] * w[1]));
                  }
                  return sum;
                })
            .backward(
                () -> {
                  g[0] = 0;
                  g[1] = 0;
                  for (int i = 0; i < a.length; i++) {
                    if (1 - y[i] * (a[i][0] * w[0] + a[i][1] * w[1]) > 0) {
                      g[0] -= y[i] * a[i][0];
                      g[1] -= y[i] * a[i][1];
                    }
                  }
                })
            .hessian(() -> new double[2][2])
            .run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    CheckResult hessian = result.followUps().get(0);
    assertThat(hessian.parameter("w").entries()).allMatch(EntryResult::flat);
    assertThat(Report.text(hessian)).contains("the gradient does not depend on 'w' at this point");
  }

  @Test
  void aLossWithoutBackwardThatThrowsNearThePointFailsNoEntry() {
    // The loss leaves its domain where x[0] + x[1] < 0.858: the inner differences at the point
    // stay inside (down to 0.86 - 4h = 0.85805), those at points moved down reach outside. No
    // entry fails on that, some are verified, and the parameters come back as they were.
    double[] x = {0.06, 0.8};
    CheckResult result =
        GradientCheck.create()
            .seed(2)
            .param("x", x)
            .loss(
                () -> {
                  if (x[0] + x[1] < 0.858) {
                    throw new IllegalArgumentException("outside the domain");
                  }
                  return x[0] * x[0] * x[1] + x[1] * x[1] * x[1];
                })
            .hessian(() -> new double[][] {{2 * x[1], 2 * x[0]}, {2 * x[0], 6 * x[1]}})
            .run();
    assertThat(result.parameter("x").entries().stream().filter(e -> e.verdict() == Verdict.FAIL))
        .as(Report.text(result))
        .isEmpty();
    assertThat(result.parameter("x").verified()).as(Report.text(result)).isGreaterThan(0);
    assertThat(x).containsExactly(0.06, 0.8);
  }
}
