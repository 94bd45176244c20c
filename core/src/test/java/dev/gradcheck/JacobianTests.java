package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.junit.jupiter.api.Test;

/** Full Jacobians, checked entry by entry through the public API. */
class JacobianTests {

  /** Five residuals of a four-parameter model. */
  static double[] residuals(double[] t) {
    double[] r = new double[5];
    for (int i = 0; i < r.length; i++) {
      double x = i * 0.5;
      r[i] = t[0] * Math.exp(-t[1] * x) + t[2] * x * x - Math.sin(x) + t[3] * Math.cos(x + t[0]);
    }
    return r;
  }

  static double[][] jacobian(double[] t) {
    double[][] j = new double[5][4];
    for (int i = 0; i < j.length; i++) {
      double x = i * 0.5;
      j[i][0] = Math.exp(-t[1] * x) - t[3] * Math.sin(x + t[0]);
      j[i][1] = -t[0] * x * Math.exp(-t[1] * x);
      j[i][2] = x * x;
      j[i][3] = Math.cos(x + t[0]);
    }
    return j;
  }

  private static final double[] POINT = {1.5, 0.7, -0.3, 0.4};

  private static CheckResult check(UnaryOperator<double[][]> bug) {
    double[] t = POINT.clone();
    return GradientCheck.create()
        .seed(1)
        .param("theta", t)
        .output(() -> residuals(t))
        .jacobian(() -> bug.apply(jacobian(t)))
        .run();
  }

  @Test
  void correctJacobianPassesWithAVerdictPerEntry() {
    CheckResult result = check(j -> j);
    assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(result.kind()).isEqualTo(CheckKind.JACOBIAN);
    ParameterResult theta = result.parameter("theta");
    assertThat(theta.size()).isEqualTo(20);
    assertThat(theta.outputs()).isEqualTo(5);
    assertThat(theta.verified()).isEqualTo(20);
    assertThat(theta.entries()).allMatch(e -> e.verdict() == Verdict.PASS);
    EntryResult entry =
        theta.entries().stream()
            .filter(e -> e.output().getAsInt() == 3 && e.index() == 2)
            .findFirst()
            .orElseThrow();
    assertThat(entry.label()).isEqualTo("∂output[3]/∂theta[2]");
    assertThat(entry.analytic()).isEqualTo(2.25);
    assertThat(entry.numeric()).isCloseTo(2.25, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Report.text(result)).startsWith("Jacobian check passed: 20 entries");
  }

  @Test
  void costsTheEvaluationsOfAVectorJacobianCheck() {
    double[] t = POINT.clone();
    double[] g = new double[4];
    CheckResult vjp =
        GradientCheck.create()
            .seed(1)
            .param("theta", t, g)
            .output(() -> residuals(t))
            .backward(
                dy -> {
                  double[][] j = jacobian(t);
                  for (int k = 0; k < g.length; k++) {
                    g[k] = 0;
                    for (int i = 0; i < dy.length; i++) {
                      g[k] += dy[i] * j[i][k];
                    }
                  }
                })
            .run();
    CheckResult full = check(j -> j);
    assertThat(vjp.passed()).isTrue();
    assertThat(full.evaluations()).isLessThanOrEqualTo(vjp.evaluations());
  }

  @Test
  void oneWrongEntryIsNamedAsOutputByParameterEntry() {
    CheckResult result =
        check(
            j -> {
              j[3][2] *= 1.01;
              return j;
            });
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    List<EntryResult> failing =
        result.parameter("theta").entries().stream()
            .filter(e -> e.verdict() == Verdict.FAIL)
            .toList();
    assertThat(failing).extracting(EntryResult::label).containsExactly("∂output[3]/∂theta[2]");
    assertThat(Report.text(result))
        .startsWith("Jacobian of 'theta' is wrong: 1 of 20 entries disagree")
        .contains("worst entry : ∂output[3]/∂theta[2] (FAIL)");
  }

  @Test
  void aSignFlippedColumnIsDiagnosedAsThatColumn() {
    CheckResult result =
        check(
            j -> {
              for (double[] row : j) {
                row[1] = -row[1];
              }
              return j;
            });
    Diagnosis d = result.diagnoses().get(0);
    assertThat(d.shape())
        .isEqualTo(
            new BugShape.SliceWrong(
                1, 1, 4, 2, BugShape.SliceWrong.Content.SIGN_FLIPPED, Double.NaN));
    assertThat(d.summary()).contains("column 1 of the Jacobian of 'theta'", "∂output[:]/∂theta[1]");
  }

  @Test
  void aScaledRowIsDiagnosedAsThatRow() {
    CheckResult result =
        check(
            j -> {
              for (int k = 0; k < 4; k++) {
                j[2][k] *= 2;
              }
              return j;
            });
    Diagnosis d = result.diagnoses().get(0);
    assertThat(d.shape()).isInstanceOf(BugShape.SliceWrong.class);
    BugShape.SliceWrong slice = (BugShape.SliceWrong) d.shape();
    assertThat(slice.axis()).isZero();
    assertThat(slice.index()).isEqualTo(2);
    assertThat(slice.factor()).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.summary()).contains("row 2 of the Jacobian of 'theta'", "∂output[2]/∂theta[:]");
  }

  @Test
  void swappedColumnsAreDiagnosedAsSwapped() {
    CheckResult result =
        check(
            j -> {
              for (double[] row : j) {
                double a = row[0];
                row[0] = row[3];
                row[3] = a;
              }
              return j;
            });
    Diagnosis d = result.diagnoses().get(0);
    assertThat(d.shape()).isEqualTo(new BugShape.SwappedSlices(1, 0, 3));
    assertThat(d.summary()).contains("columns 0 and 3 of the Jacobian of 'theta'");
  }

  @Test
  void badlyScaledRowsRaiseNoFalseAlarmAndSmallRowsStillCatchBugs() {
    // MINPACK-style scaling: rows 1e8 apart in magnitude.
    double[] x = {0.7, -1.2, 0.4};
    double[] rowScale = {1e6, 1, 1e-2, 1e-6};
    java.util.function.Supplier<double[]> f =
        () -> {
          double[] r = new double[4];
          for (int i = 0; i < 4; i++) {
            r[i] = rowScale[i] * (Math.sin(x[0] * (i + 1)) + x[1] * x[2] * i + Math.exp(x[2]));
          }
          return r;
        };
    UnaryOperator<double[][]> exact =
        j -> {
          for (int i = 0; i < 4; i++) {
            j[i][0] = rowScale[i] * (i + 1) * Math.cos(x[0] * (i + 1));
            j[i][1] = rowScale[i] * x[2] * i;
            j[i][2] = rowScale[i] * (x[1] * i + Math.exp(x[2]));
          }
          return j;
        };
    for (long seed = 0; seed < 20; seed++) {
      CheckResult ok =
          GradientCheck.create()
              .seed(seed)
              .param("x", x)
              .output(f)
              .jacobian(() -> exact.apply(new double[4][3]))
              .run();
      assertThat(ok.outcome()).as(Report.text(ok)).isEqualTo(Outcome.PASSED);
    }
    CheckResult bad =
        GradientCheck.create()
            .seed(3)
            .param("x", x)
            .output(f)
            .jacobian(
                () -> {
                  double[][] j = exact.apply(new double[4][3]);
                  j[3][1] *= 1 + 1e-6;
                  return j;
                })
            .run();
    assertThat(bad.outcome()).as(Report.text(bad)).isEqualTo(Outcome.FAILED);
    assertThat(bad.parameter("x").entries().stream().filter(e -> e.verdict() == Verdict.FAIL))
        .extracting(EntryResult::label)
        .containsExactly("∂output[3]/∂x[1]");
  }

  @Test
  void columnsFollowTheDeclarationOrderOfSeveralParameters() {
    double[] a = {0.3, -0.8};
    double[] b = {1.1};
    CheckResult result =
        GradientCheck.create()
            .seed(2)
            .param("a", a)
            .param("b", b)
            .output(() -> new double[] {a[0] * b[0], a[1] + b[0] * b[0], Math.exp(a[0] - a[1])})
            .jacobian(
                () ->
                    new Array2DRowRealMatrix(
                        new double[][] {
                          {b[0], 0, a[0]},
                          {0, 1, 2 * b[0]},
                          {Math.exp(a[0] - a[1]), -Math.exp(a[0] - a[1]), 0}
                        }))
            .run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(result.parameter("a").size()).isEqualTo(6);
    assertThat(result.parameter("b").size()).isEqualTo(3);
    assertThat(result.parameter("b").entries())
        .extracting(EntryResult::label)
        .containsExactlyInAnyOrder("∂output[0]/∂b[0]", "∂output[1]/∂b[0]", "∂output[2]/∂b[0]");
  }

  @Test
  void aTensorOutputAgainstAMatrixParameterIsNamedByBothMultiIndices() {
    double[][] w = {{0.5, -0.2}, {0.1, 0.9}, {-0.4, 0.3}};
    double[] v = {0.7, -1.3};
    // y = W v, shape [3]; its Jacobian with respect to W as a tensor [3][3][2].
    CheckResult result =
        GradientCheck.create()
            .seed(4)
            .param("W", w)
            .output(
                () -> {
                  double[] y = new double[3];
                  for (int i = 0; i < 3; i++) {
                    y[i] = w[i][0] * v[0] + w[i][1] * v[1];
                  }
                  return new ArrayRealVector(y);
                })
            .jacobian(
                () -> {
                  double[][][] j = new double[3][3][2];
                  for (int i = 0; i < 3; i++) {
                    j[i][i][0] = v[0];
                    j[i][i][1] = v[1] * (i == 2 ? -1 : 1); // a sign bug in row 2
                  }
                  return j;
                })
            .run();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.parameter("W").entries().stream().filter(e -> e.verdict() == Verdict.FAIL))
        .extracting(EntryResult::label)
        .containsExactly("∂output[2]/∂W[2][1]");
    // Entries of other rows of W are exactly zero in the Jacobian, and verified as such.
    assertThat(result.parameter("W").count(Verdict.PASS)).isEqualTo(17);
  }

  @Test
  void aFloatForwardIsCheckedToFloatPrecision() {
    float[] x = {0.3f, -0.6f};
    CheckResult result =
        GradientCheck.create()
            .seed(5)
            .param("x", x)
            .output(() -> new float[] {(float) Math.sin(x[0] * x[1]), x[0] * x[0] - x[1]})
            .jacobian(
                () ->
                    new float[][] {
                      {
                        (float) (x[1] * Math.cos(x[0] * x[1])),
                        (float) (x[0] * Math.cos(x[0] * x[1]))
                      },
                      {2 * x[0], -1}
                    })
            .run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(x).containsExactly(0.3f, -0.6f);
  }

  @Test
  void parametersAreRestoredBitForBitWhenTheJacobianThrows() {
    double[] t = POINT.clone();
    assertThatThrownBy(
            () ->
                GradientCheck.create()
                    .param("theta", t)
                    .output(() -> residuals(t))
                    .jacobian(
                        () -> {
                          throw new IllegalStateException("not ready");
                        })
                    .run())
        .isInstanceOf(GradientCheckException.class)
        .hasMessageContaining("the jacobian threw IllegalStateException")
        .hasMessageContaining("not ready");
    assertThat(t).containsExactly(POINT);
  }

  @Test
  void aJacobianOfTheWrongShapeSaysWhatShapeIsExpected() {
    double[] t = POINT.clone();
    assertThatThrownBy(
            () ->
                GradientCheck.create()
                    .param("theta", t)
                    .output(() -> residuals(t))
                    .jacobian(() -> new double[4][5]) // transposed
                    .run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(
            "the jacobian returned double[][] of shape [4, 5], which looks transposed",
            "5 rows (one per output entry",
            "by 4 columns (one per parameter entry, in declaration order)")
        // The complaint is gradcheck's; its trace starts in the caller's code, not gradcheck's.
        .satisfies(
            e ->
                assertThat(e.getStackTrace()[0].getClassName())
                    .isEqualTo(JacobianTests.class.getName()));
    assertThat(t).containsExactly(POINT);
  }

  @Test
  void aGradientDeclaredForAJacobianCheckIsAnError() {
    double[] t = POINT.clone();
    assertThatThrownBy(
            () ->
                GradientCheck.create()
                    .param("theta", t, new double[4])
                    .output(() -> residuals(t))
                    .jacobian(() -> jacobian(t))
                    .run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("parameter 'theta' is declared with gradient storage")
        .hasMessageContaining("declare param(\"theta\", values)");
  }

  @Test
  void aParameterWithoutGradientInALossCheckIsAnError() {
    double[] x = {1, 2};
    assertThatThrownBy(
            () ->
                GradientCheck.create()
                    .param("x", x)
                    .loss(() -> x[0] * x[1])
                    .backward(() -> {})
                    .run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("parameter 'x' is declared without gradient storage")
        .hasMessageContaining("declare param(\"x\", values, gradient)");
  }

  @Test
  void aJacobianThatAccumulatesAcrossCallsIsNamed() {
    double[] t = POINT.clone();
    double[][] kept = new double[5][4];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("theta", t)
            .output(() -> residuals(t))
            .jacobian(
                () -> {
                  double[][] j = jacobian(t);
                  for (int i = 0; i < 5; i++) {
                    for (int k = 0; k < 4; k++) {
                      kept[i][k] += j[i][k]; // never cleared
                    }
                  }
                  return kept;
                })
            .run();
    assertThat(result.violations())
        .singleElement()
        .isInstanceOf(ContractViolation.AccumulatingBackward.class);
    assertThat(result.violations().get(0).describe()).contains("∂output[0]/∂theta[0]");
  }

  /** Row 1 oscillates far faster than any step: too noisy to accuse, on its own. */
  private static CheckResult withErraticRow(double factor) {
    double[] x = {-1.7254642823453343, 0.9682680350599835};
    double a = 0.9686038078363524;
    double p = 1.7042858469683435;
    return GradientCheck.create()
        .seed(1)
        .param("x", x)
        .output(
            () ->
                new double[] {
                  x[0] * x[0] + x[1], x[1] * Math.sin(Math.exp(Math.pow(x[0] * x[0] + a, p)))
                })
        .jacobian(
            () -> {
              double base = x[0] * x[0] + a;
              double e = Math.exp(Math.pow(base, p));
              double de = e * p * Math.pow(base, p - 1) * 2 * x[0];
              return new double[][] {
                {2 * x[0] * factor, 1}, {x[1] * Math.cos(e) * de, Math.sin(e)}
              };
            })
        .run();
  }

  @Test
  void anErraticRowDoesNotShieldAnotherRowsBug() {
    CheckResult result = withErraticRow(2);
    EntryResult wrong =
        result.parameter("x").entries().stream()
            .filter(e -> e.output().getAsInt() == 0 && e.index() == 0)
            .findFirst()
            .orElseThrow();
    assertThat(wrong.verdict()).as(Report.text(result)).isEqualTo(Verdict.FAIL);
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void anErraticRowIsInconclusiveNotFailed() {
    CheckResult result = withErraticRow(1);
    assertThat(result.parameter("x").entries().stream().filter(e -> e.verdict() == Verdict.FAIL))
        .as(Report.text(result))
        .isEmpty();
    assertThat(
            result.parameter("x").entries().stream()
                .filter(e -> e.output().getAsInt() == 0)
                .map(EntryResult::verdict))
        .containsOnly(Verdict.PASS);
  }

  @Test
  void severalParametersMayGiveOneBlockEach() {
    double[][] w = {{0.5, -0.2}, {0.1, 0.9}};
    double[] b = {0.3, -0.4};
    double[] v = {0.7, -1.3};
    java.util.function.Supplier<double[]> forward =
        () ->
            new double[] {
              Math.tanh(w[0][0] * v[0] + w[0][1] * v[1] + b[0]),
              Math.tanh(w[1][0] * v[0] + w[1][1] * v[1] + b[1])
            };
    java.util.function.DoubleUnaryOperator sech2 = z -> 1 - Math.tanh(z) * Math.tanh(z);
    java.util.function.IntToDoubleFunction slope =
        i -> sech2.applyAsDouble(w[i][0] * v[0] + w[i][1] * v[1] + b[i]);
    // dW: 2 outputs x W's 2x2 entries, as the tensor [2][2][2]; db: 2 x 2, with a bug in one entry
    CheckResult result =
        GradientCheck.create()
            .seed(8)
            .param("W", w)
            .param("b", b)
            .output(forward)
            .jacobian(
                () -> {
                  double[][][] dw = new double[2][2][2];
                  for (int i = 0; i < 2; i++) {
                    dw[i][i][0] = slope.applyAsDouble(i) * v[0];
                    dw[i][i][1] = slope.applyAsDouble(i) * v[1];
                  }
                  return dw;
                },
                () -> new double[][] {{slope.applyAsDouble(0), 0}, {0, 2 * slope.applyAsDouble(1)}})
            .run();
    assertThat(result.parameter("W").count(Verdict.FAIL)).as(Report.text(result)).isZero();
    assertThat(result.parameter("b").entries().stream().filter(e -> e.verdict() == Verdict.FAIL))
        .extracting(EntryResult::label)
        .containsExactly("∂output[1]/∂b[1]");
  }

  @Test
  void blocksMustBeOnePerParameter() {
    double[] a = {1};
    double[] b = {2};
    double[] c = {3};
    assertThatThrownBy(
            () ->
                GradientCheck.create()
                    .param("a", a)
                    .param("b", b)
                    .param("c", c)
                    .output(() -> new double[] {a[0] * b[0] * c[0]})
                    .jacobian(() -> new double[] {b[0] * c[0]}, () -> new double[] {a[0] * c[0]})
                    .run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jacobian(...) was given 2 blocks for 3 declared parameters");
  }

  private static CheckResult reluAtItsKink(double subgradient) {
    double[] x = {0.0, 0.7};
    return GradientCheck.create()
        .seed(10)
        .param("x", x)
        .output(() -> new double[] {Math.max(0, x[0]), x[0] * x[1]})
        .jacobian(() -> new double[][] {{subgradient, 0}, {x[1], x[0]}})
        .run();
  }

  @Test
  void aJacobianEntryAtAKinkIsJudgedAsOne() {
    EntryResult kink =
        reluAtItsKink(1).parameter("x").entries().stream()
            .filter(e -> e.output().getAsInt() == 0 && e.index() == 0)
            .findFirst()
            .orElseThrow();
    assertThat(kink.verdict()).isEqualTo(Verdict.KINK);
    assertThat(kink.left()).isZero();
    assertThat(kink.right()).isEqualTo(1.0);
    CheckResult outside = reluAtItsKink(2);
    assertThat(outside.parameter("x").entries().stream().filter(e -> e.verdict() == Verdict.FAIL))
        .extracting(EntryResult::label)
        .containsExactly("∂output[0]/∂x[0]");
    assertThat(outside.diagnoses().get(0).shape()).isInstanceOf(BugShape.KinkOutside.class);
  }
}
