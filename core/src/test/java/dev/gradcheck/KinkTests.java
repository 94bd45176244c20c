package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Correct code at a non-differentiable point never fails: at a kink any subgradient between the
 * one-sided derivatives is right. A claimed subgradient outside them is wrong.
 */
class KinkTests {

  /** Checks {@code Σ f(x_k)} against the elementwise derivative {@code g}. */
  private static CheckResult check(
      double[] x, DoubleUnaryOperator f, DoubleUnaryOperator g, long seed) {
    double[] dx = new double[x.length];
    return GradientCheck.create()
        .seed(seed)
        .param("x", x, dx)
        .loss(
            () -> {
              double sum = 0;
              for (double v : x) {
                sum += f.applyAsDouble(v);
              }
              return sum;
            })
        .backward(
            () -> {
              for (int i = 0; i < x.length; i++) {
                dx[i] = g.applyAsDouble(x[i]);
              }
            })
        .run();
  }

  private static void assertNeverFails(CheckResult result) {
    assertThat(result.violations()).isEmpty();
    assertThat(result.count(Verdict.FAIL)).as(Report.text(result)).isZero();
    assertThat(result.parameters().get(0).entries())
        .extracting(EntryResult::verdict)
        .isSubsetOf(Verdict.PASS, Verdict.KINK);
    assertThat(result.passed()).isTrue();
  }

  private static double relu(double v) {
    return Math.max(v, 0);
  }

  @ParameterizedTest(name = "relu''(0) = {0}")
  @ValueSource(doubles = {0.0, 1.0})
  void reluAtAndNextToZero(double subgradient) {
    double[] x = {0.0, 1e-12, -1e-12, 0.8};
    CheckResult result = check(x, KinkTests::relu, v -> v > 0 ? 1 : v < 0 ? 0 : subgradient, 5);

    assertNeverFails(result);
    EntryResult atZero = result.parameter("x").entries().get(0);
    assertThat(atZero.verdict()).isEqualTo(Verdict.KINK);
    assertThat(atZero.left()).isCloseTo(0, within(1e-6));
    assertThat(atZero.right()).isCloseTo(1, within(1e-6));
    assertThat(atZero.note()).contains("kink");
    assertThat(result.parameter("x").entries().get(3).verdict()).isEqualTo(Verdict.PASS);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void reluAtZeroOverSeveralSeeds(long seed) {
    double[] x = {0.0, 1e-12, -1e-12, -0.3, 0.0};
    assertNeverFails(check(x, KinkTests::relu, v -> v > 0 ? 1 : 0, seed));
  }

  /**
   * A float ReLU unit whose pre-activation is 5.6e-4 above zero: differentiable, but closer to its
   * kink than a float central-difference step, as happens to some unit of almost every float
   * network. The correct gradient must not fail, whatever the seed.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void floatReluUnitWithinOneStepOfItsKink(long seed) {
    float[] w = {
      0.16357256f, 0.24571683f, -0.06634494f, 0.100021355f,
      -0.07910455f, 0.09679354f, 0.03548949f, 0.04332139f
    };
    float[] x = {
      -0.73147786f, 0.012217499f, 0.11571059f, 0.7108165f,
      -0.7339111f, 0.93664634f, -1.3168596f, 0.83881235f
    };
    float b = -0.084531985f;
    float[] dw = new float[8];
    java.util.function.DoubleSupplier preActivation =
        () -> {
          float s = b;
          for (int j = 0; j < 8; j++) {
            s += w[j] * x[j];
          }
          return s;
        };
    assertThat(preActivation.getAsDouble()).isBetween(5e-4, 6e-4);

    CheckResult result =
        GradientCheck.create()
            .seed(seed)
            .param("w", w, dw)
            .loss(
                () -> {
                  double y = Math.max(0, preActivation.getAsDouble());
                  return 0.5 * y * y + 0.3 * y;
                })
            .backward(
                () -> {
                  float s = (float) preActivation.getAsDouble();
                  float z = s > 0 ? s + 0.3f : 0f;
                  for (int j = 0; j < 8; j++) {
                    dw[j] = z * x[j];
                  }
                })
            .run();

    assertThat(result.count(Verdict.FAIL)).as(Report.text(result)).isZero();
  }

  @Test
  void maxWithATie() {
    double[] ab = {0.7, 0.7};
    double[] dab = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(9)
            .param("ab", ab, dab)
            .loss(() -> Math.max(ab[0], ab[1]))
            .backward(
                () -> {
                  // The usual implementation: the first argument wins a tie.
                  dab[0] = ab[0] >= ab[1] ? 1 : 0;
                  dab[1] = ab[0] >= ab[1] ? 0 : 1;
                })
            .run();

    assertNeverFails(result);
  }

  @Test
  void maxOfTwoParametersWithATie() {
    double[] a = {0.7, -0.2};
    double[] b = {0.7, 0.4};
    double[] da = new double[2];
    double[] db = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(9)
            .param("a", a, da)
            .param("b", b, db)
            .loss(() -> Math.max(a[0], b[0]) + Math.max(a[1], b[1]))
            .backward(
                () -> {
                  for (int i = 0; i < 2; i++) {
                    da[i] = a[i] >= b[i] ? 1 : 0;
                    db[i] = a[i] >= b[i] ? 0 : 1;
                  }
                })
            .run();

    assertThat(result.count(Verdict.FAIL)).as(Report.text(result)).isZero();
    assertThat(result.passed()).isTrue();
  }

  @ParameterizedTest(name = "delta = {0}")
  @ValueSource(doubles = {1.0, 0.3})
  void huberAtPlusAndMinusDelta(double delta) {
    double[] r = {delta, -delta, 0.1 * delta, 3 * delta};
    CheckResult result =
        check(
            r,
            v -> Math.abs(v) <= delta ? 0.5 * v * v : delta * (Math.abs(v) - 0.5 * delta),
            v -> Math.abs(v) <= delta ? v : delta * Math.signum(v),
            13);

    assertNeverFails(result);
  }

  @Test
  void absAtZero() {
    double[] x = {0.0, 0.4, -0.6};
    CheckResult result = check(x, Math::abs, Math::signum, 17);

    // The central difference of |x| at 0 is exactly 0: the subgradient 0 may pass outright.
    assertNeverFails(result);
  }

  @Test
  void reluSubgradientOutsideTheBracketFails() {
    double[] x = {0.0, 0.8};
    CheckResult result = check(x, KinkTests::relu, v -> v > 0 ? 1 : v < 0 ? 0 : 2, 5);

    assertThat(result.passed()).isFalse();
    EntryResult atZero = result.parameter("x").entries().get(0);
    assertThat(atZero.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(atZero.analytic()).isEqualTo(2);
    assertThat(atZero.left()).isCloseTo(0, within(1e-6));
    assertThat(atZero.right()).isCloseTo(1, within(1e-6));
    assertThat(atZero.note()).contains("kink").contains("outside");
    assertThat(result.parameter("x").entries().get(1).verdict()).isEqualTo(Verdict.PASS);
    assertThat(Report.text(result).lines())
        .anyMatch(l -> l.startsWith("worst entry") && l.contains("x[0]"));
  }

  @Test
  void absSubgradientOutsideTheBracketFails() {
    double[] x = {0.0, 0.4};
    CheckResult result = check(x, Math::abs, v -> v == 0 ? 1.5 : Math.signum(v), 17);

    assertThat(result.passed()).isFalse();
    EntryResult atZero = result.parameter("x").entries().get(0);
    assertThat(atZero.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(atZero.note()).contains("outside");
  }

  @Test
  void reluLayerInOutputModeAtZero() {
    // The upstream gradient has random signs, so the one-sided derivatives come in either order.
    double[] x = {0.0, -0.5, 0.0, 0.25, 0.0, 0.0};
    double[] dx = new double[x.length];
    CheckResult result =
        GradientCheck.create()
            .seed(21)
            .param("x", x, dx)
            .output(
                () -> {
                  double[] y = new double[x.length];
                  for (int i = 0; i < x.length; i++) {
                    y[i] = relu(x[i]);
                  }
                  return y;
                })
            .backward(
                dy -> {
                  for (int i = 0; i < x.length; i++) {
                    dx[i] = x[i] > 0 ? dy[i] : 0;
                  }
                })
            .run();

    assertThat(result.count(Verdict.FAIL)).as(Report.text(result)).isZero();
    assertThat(result.passed()).isTrue();
    assertThat(result.parameter("x").entries().get(0).verdict()).isEqualTo(Verdict.KINK);
  }
}
