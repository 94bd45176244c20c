package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Jacobian-vector products, alone and beside a backward (with the adjoint test). */
class ForwardModeTests {

  private static final double[] POINT = {0.7, -0.4, 1.1};

  /** {@code f(x) = (x0 x1, sin x2, x0 + x2²)}. */
  static double[] forward(double[] x) {
    return new double[] {x[0] * x[1], Math.sin(x[2]), x[0] + x[2] * x[2]};
  }

  static double[] tangent(double[] x, double[] v) {
    return new double[] {v[0] * x[1] + v[1] * x[0], v[2] * Math.cos(x[2]), v[0] + 2 * x[2] * v[2]};
  }

  static void backward(double[] x, double[] dy, double[] dx) {
    dx[0] = dy[0] * x[1] + dy[2];
    dx[1] = dy[0] * x[0];
    dx[2] = dy[1] * Math.cos(x[2]) + dy[2] * 2 * x[2];
  }

  private static CheckResult alone(Function<double[], double[]> product) {
    double[] x = POINT.clone();
    return GradientCheck.create()
        .seed(1)
        .param("x", x)
        .output(() -> forward(x))
        .jacobianVectorProduct(v -> product.apply(v))
        .run();
  }

  @Test
  void aCorrectJacobianVectorProductPassesEntryByEntry() {
    double[] x = POINT.clone();
    CheckResult result = alone(v -> tangent(x, v));
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(result.kind()).isEqualTo(CheckKind.JACOBIAN_VECTOR_PRODUCT);
    assertThat(result.parameter("x").verified()).isEqualTo(9);
  }

  @Test
  void aWrongTangentEntryIsNamedAsOutputByParameterEntry() {
    double[] x = POINT.clone();
    CheckResult result =
        alone(
            v -> {
              double[] t = tangent(x, v);
              t[1] = v[2] * Math.sin(x[2]); // sin for cos
              return t;
            });
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.parameter("x").entries().stream().filter(e -> e.verdict() == Verdict.FAIL))
        .extracting(EntryResult::label)
        .containsExactly("∂output[1]/∂x[2]");
    assertThat(Report.text(result)).startsWith("Jacobian-vector product of 'x' is wrong: 1 of 9");
  }

  @Test
  void aTangentThatAddsAConstantIsNamed() {
    double[] x = POINT.clone();
    CheckResult result =
        alone(
            v -> {
              double[] t = tangent(x, v);
              t[2] += 0.5;
              return t;
            });
    assertThat(result.violations())
        .filteredOn(ContractViolation.NotLinear.class::isInstance)
        .singleElement()
        .extracting(v -> ((ContractViolation.NotLinear) v).failure())
        .isEqualTo(ContractViolation.NotLinear.Failure.CONSTANT_ADDED);
    assertThat(result.violations().get(0).describe()).contains("dx = 0 gives (J·dx)[output[2]]");
  }

  private static CheckResult besideBackward(Function<double[], double[]> product) {
    double[] x = POINT.clone();
    double[] dx = new double[3];
    return GradientCheck.create()
        .seed(4)
        .param("x", x, dx)
        .output(() -> forward(x))
        .backward(dy -> backward(x, dy, dx))
        .jacobianVectorProduct(v -> product.apply(v))
        .run();
  }

  @Test
  void forwardAndReverseModeTogetherPassAndAreAdjoint() {
    double[] x = POINT.clone();
    CheckResult result = besideBackward(v -> tangent(x, v));
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(result.kind()).isEqualTo(CheckKind.VECTOR_JACOBIAN_PRODUCT);
    assertThat(result.followUps())
        .singleElement()
        .satisfies(r -> assertThat(r.kind()).isEqualTo(CheckKind.JACOBIAN_VECTOR_PRODUCT))
        .satisfies(r -> assertThat(r.violations()).isEmpty());
  }

  @Test
  void theAdjointTestComparesTheBackwardWithTheTangentColumns() {
    double[] x = POINT.clone();
    double[] dx = new double[3];
    // The tangent is off by 1e-9 relative in one entry: below what central differences resolve,
    // so every entry passes, but far beyond the rounding two exact codes agree to.
    CheckResult result =
        GradientCheck.create()
            .seed(4)
            .param("x", x, dx)
            .output(() -> forward(x))
            .backward(dy -> backward(x, dy, dx))
            .jacobianVectorProduct(
                v -> {
                  double[] t = tangent(x, v);
                  t[0] = v[0] * x[1] + v[1] * x[0] * (1 + 1e-9); // below what differences resolve
                  return t;
                })
            .run();
    CheckResult tangent = result.followUps().get(0);
    assertThat(tangent.count(Verdict.FAIL)).as(Report.text(result)).isZero();
    assertThat(tangent.violations())
        .filteredOn(ContractViolation.AdjointMismatch.class::isInstance)
        .singleElement()
        .satisfies(v -> assertThat(v.describe()).contains("x[1]", "<J·e, dy>"));
  }

  @Test
  void aWrongBackwardDoesNotStopTheTangentCheckButItsAdjointTest() {
    double[] x = POINT.clone();
    double[] dx = new double[3];
    CheckResult result =
        GradientCheck.create()
            .seed(4)
            .param("x", x, dx)
            .output(() -> forward(x))
            .backward(
                dy -> {
                  backward(x, dy, dx);
                  dx[2] = -dx[2];
                })
            .jacobianVectorProduct(v -> tangent(x, v))
            .run();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.skipped()).isEmpty();
    // The tangent is compared with the numeric Jacobian, so it is verified on its own; the
    // adjoint test, which needs a right backward, is not run.
    CheckResult tangent = result.followUps().get(0);
    assertThat(tangent.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(tangent.violations()).isEmpty();
    assertThat(Report.text(result))
        .startsWith("gradient of 'x' is wrong")
        .containsPattern("\\nJacobian-vector product +: verified too \\(x 9/9\\)");
  }

  @Test
  void floatForwardAndReverseModeThatAgreeToFloatRoundingAreAdjoint() {
    float[] x = {0.7f, -0.4f, 1.1f};
    float[] dx = new float[3];
    float[][] w = {{0.3f, -1.2f, 0.8f}, {1.5f, 0.2f, -0.7f}, {-0.9f, 0.6f, 0.4f}};
    // y = tanh(W x), in float; the backward and the tangent sum in different orders.
    java.util.function.Supplier<float[]> y =
        () -> {
          float[] out = new float[3];
          for (int i = 0; i < 3; i++) {
            float z = 0;
            for (int k = 0; k < 3; k++) {
              z += w[i][k] * x[k];
            }
            out[i] = (float) Math.tanh(z);
          }
          return out;
        };
    CheckResult result =
        GradientCheck.create()
            .seed(11)
            .param("x", x, dx)
            .output(y)
            .backward(
                dy -> {
                  float[] out = y.get();
                  for (int k = 2; k >= 0; k--) {
                    float sum = 0;
                    for (int i = 2; i >= 0; i--) {
                      sum += dy[i] * (1 - out[i] * out[i]) * w[i][k];
                    }
                    dx[k] = sum;
                  }
                })
            .jacobianVectorProduct(
                v -> {
                  float[] out = y.get();
                  float[] t = new float[3];
                  for (int i = 0; i < 3; i++) {
                    float z = 0;
                    for (int k = 0; k < 3; k++) {
                      z += w[i][k] * (float) v[k];
                    }
                    t[i] = (1 - out[i] * out[i]) * z;
                  }
                  return t;
                })
            .run();
    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(result.followUps().get(0).violations()).isEmpty();
  }
}
