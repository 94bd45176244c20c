package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A layer with tensor output, {@code Y = X Wᵀ + b}, checked through the vector-Jacobian product
 * with a seeded random upstream gradient, for every output type.
 */
class OutputModeTests {

  /**
   * An output type: how the layer's {@code batch × outputs} result is handed out.
   *
   * @param name the type
   * @param batch the batch size the type can hold
   * @param wrap turns the row-major result into the output type
   */
  record Output(String name, int batch, Function<double[][], Object> wrap) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Output> outputs() {
    return Stream.of(
        new Output("double[]", 1, y -> y[0].clone()),
        new Output("double[][]", 2, y -> new double[][] {y[0].clone(), y[1].clone()}),
        new Output(
            "float[]",
            1,
            y -> {
              float[] out = new float[y[0].length];
              for (int i = 0; i < out.length; i++) {
                out[i] = (float) y[0][i];
              }
              return out;
            }),
        new Output("RealMatrix", 2, y -> new Array2DRowRealMatrix(y)),
        new Output("RealVector", 1, y -> new ArrayRealVector(y[0])),
        new Output("DoubleBuffer", 2, y -> java.nio.DoubleBuffer.wrap(Flat.read(y))),
        new Output(
            "FloatBuffer",
            1,
            y -> {
              java.nio.FloatBuffer out = java.nio.FloatBuffer.allocate(y[0].length);
              Flat.write(out, y[0]);
              return out;
            }));
  }

  /** A dense layer with hand-written backward and switchable bugs. */
  static final class Dense {
    final double[][] w;
    final double[] b;
    final double[][] x;
    final double[][] dw;
    final double[] db;
    final double[][] dx;
    boolean transposedBug;
    boolean transposedWeightGradientBug;
    boolean ignoresUpstream;
    final List<double[]> upstreams = new ArrayList<>();

    Dense(int outputs, int inputs, int batch) {
      w = new double[outputs][inputs];
      b = new double[outputs];
      x = new double[batch][inputs];
      Flat.write(w, SmoothLoss.point(outputs * inputs));
      double[] p = SmoothLoss.point(outputs * inputs + outputs + batch * inputs);
      Flat.write(b, Arrays.copyOfRange(p, outputs * inputs, outputs * inputs + outputs));
      Flat.write(x, Arrays.copyOfRange(p, outputs * inputs + outputs, p.length));
      dw = new double[outputs][inputs];
      db = new double[outputs];
      dx = new double[batch][inputs];
    }

    double[][] forward() {
      double[][] y = new double[x.length][b.length];
      for (int n = 0; n < x.length; n++) {
        for (int i = 0; i < b.length; i++) {
          double sum = b[i];
          for (int j = 0; j < x[n].length; j++) {
            sum += w[i][j] * x[n][j];
          }
          y[n][i] = sum;
        }
      }
      return y;
    }

    /** Backward from the upstream gradient in any output type, read row-major. */
    void backward(Object upstream) {
      double[] flat = Flat.read(upstream);
      upstreams.add(flat.clone());
      if (ignoresUpstream) {
        Arrays.fill(flat, 1.0);
      }
      int outputs = b.length;
      for (double[] row : dw) {
        Arrays.fill(row, 0);
      }
      Arrays.fill(db, 0);
      for (int n = 0; n < x.length; n++) {
        Arrays.fill(dx[n], 0);
        for (int i = 0; i < outputs; i++) {
          double dy = flat[n * outputs + i];
          db[i] += dy;
          for (int j = 0; j < x[n].length; j++) {
            if (transposedWeightGradientBug) {
              dw[j][i] += dy * x[n][j]; // Bug: dW transposed (square W only).
            } else {
              dw[i][j] += dy * x[n][j];
            }
            // Bug: W instead of Wᵀ (only possible to write for a square W).
            dx[n][j] += dy * (transposedBug ? w[j][i] : w[i][j]);
          }
        }
      }
    }

    CheckResult check(Output output, long seed) {
      return GradientCheck.create()
          .seed(seed)
          .param("W", w, dw)
          .param("b", b, db)
          .param("x", x, dx)
          .output(() -> output.wrap().apply(forward()))
          .backward(this::backward)
          .run();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputs")
  void correctBackwardPasses(Output output) {
    Dense layer = new Dense(3, 4, output.batch());
    CheckResult result = layer.check(output, 31);

    assertThat(result.passed()).as(Report.text(result)).isTrue();
    assertThat(result.kind()).isEqualTo(CheckKind.VECTOR_JACOBIAN_PRODUCT);
    assertThat(result.parameters())
        .extracting(ParameterResult::name)
        .containsExactly("W", "b", "x");
    assertThat(result.count(Verdict.PASS)).isEqualTo(12 + 3 + 4 * output.batch());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputs")
  void transposedWeightsFail(Output output) {
    Dense layer = new Dense(3, 3, output.batch());
    layer.transposedBug = true;
    CheckResult result = layer.check(output, 31);

    assertThat(result.passed()).isFalse();
    assertThat(result.violations()).isEmpty();
    assertThat(result.parameter("W").ok()).isTrue();
    assertThat(result.parameter("b").ok()).isTrue();
    assertThat(result.parameter("x").count(Verdict.FAIL)).isPositive();
    assertThat(Report.text(result).lines().findFirst().orElseThrow())
        .startsWith("gradient of 'x' is wrong");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputs")
  void transposedWeightGradientFails(Output output) {
    Dense layer = new Dense(3, 3, output.batch());
    layer.transposedWeightGradientBug = true;
    CheckResult result = layer.check(output, 31);

    assertThat(result.passed()).isFalse();
    assertThat(result.parameter("W").count(Verdict.FAIL)).isPositive();
    // The diagonal of a transposed matrix is right.
    assertThat(result.parameter("W").entries())
        .filteredOn(e -> e.label().matches("W\\[(\\d)]\\[\\1]"))
        .extracting(EntryResult::verdict)
        .containsOnly(Verdict.PASS);
    assertThat(result.parameter("b").ok()).isTrue();
    assertThat(result.parameter("x").ok()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputs")
  void backwardIgnoringTheUpstreamGradientFails(Output output) {
    Dense layer = new Dense(3, 4, output.batch());
    layer.ignoresUpstream = true;
    CheckResult result = layer.check(output, 31);

    assertThat(result.passed()).isFalse();
    assertThat(result.parameter("b").count(Verdict.FAIL)).isEqualTo(3);
    assertThat(result.parameter("W").count(Verdict.FAIL)).isPositive();
    assertThat(result.parameter("x").count(Verdict.FAIL)).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputs")
  void upstreamGradientIsNonUniformAndReproducible(Output output) {
    Dense first = new Dense(3, 4, output.batch());
    first.check(output, 77);
    Dense again = new Dense(3, 4, output.batch());
    again.check(output, 77);
    Dense other = new Dense(3, 4, output.batch());
    other.check(output, 78);

    assertThat(first.upstreams).isNotEmpty();
    double[] dy = first.upstreams.get(0);
    assertThat(dy).hasSize(3 * output.batch());
    assertThat(Arrays.stream(dy).distinct().count()).as("distinct entries").isGreaterThan(1);
    // No zero entry, which would hide a wrong slice of the backward.
    assertThat(Arrays.stream(dy).boxed()).allSatisfy(v -> assertThat(v).isNotZero());
    // Every backward whose gradient is judged or compared receives the same upstream gradient:
    // the first two, and the last, which leaves the user's gradients as the check's (the calls
    // between are the linearity contract's, with other inputs) ...
    List<double[]> judged =
        List.of(
            first.upstreams.get(0),
            first.upstreams.get(1),
            first.upstreams.get(first.upstreams.size() - 1));
    assertThat(judged).allSatisfy(u -> assertThat(u).containsExactly(dy));
    assertThat(first.upstreams).hasSize(8);
    // ... and the same seed gives the same one again; another seed another one.
    assertThat(again.upstreams.get(0)).containsExactly(dy);
    assertThat(other.upstreams.get(0)).isNotEqualTo(dy);
  }

  @Test
  void backwardReceivesAFreshCopyOfTheUpstreamGradient() {
    double[] x = {0.5, -1.5, 2.0};
    double[] dx = new double[3];
    List<double[]> seen = new ArrayList<>();
    CheckResult result =
        GradientCheck.create()
            .seed(5)
            .param("x", x, dx)
            .output(() -> new double[] {x[0] * x[1], x[1] * x[2]})
            .backward(
                dy -> {
                  seen.add(dy.clone());
                  dx[0] = dy[0] * x[1];
                  dx[1] = dy[0] * x[0] + dy[1] * x[2];
                  dx[2] = dy[1] * x[1];
                  dy[0] = 1e6; // a library that reuses its input buffer
                  dy[1] = -1e6;
                })
            .run();

    assertThat(result.passed()).as(Report.text(result)).isTrue();
    assertThat(seen).hasSize(8);
    assertThat(List.of(seen.get(1), seen.get(7)))
        .allSatisfy(u -> assertThat(u).containsExactly(seen.get(0)));
  }

  @Test
  void forwardMayReturnTheSameArrayEveryTime() {
    double[] x = {0.5, -1.5};
    double[] dx = new double[2];
    double[] y = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(5)
            .param("x", x, dx)
            .output(
                () -> {
                  y[0] = Math.sin(x[0]) * x[1];
                  y[1] = x[1] * x[1];
                  return y;
                })
            .backward(
                dy -> {
                  dx[0] = dy[0] * Math.cos(x[0]) * x[1];
                  dx[1] = dy[0] * Math.sin(x[0]) + 2 * dy[1] * x[1];
                })
            .run();

    assertThat(result.passed()).as(Report.text(result)).isTrue();
  }

  @Test
  void forwardReturningNullIsAClearError() {
    double[] x = {0.5};
    Throwable thrown =
        catchThrowable(
            () ->
                GradientCheck.create()
                    .param("x", x, new double[1])
                    .output(() -> (double[]) null)
                    .backward(dy -> {})
                    .run());

    assertThat(thrown).isInstanceOf(RuntimeException.class);
    assertThat(thrown.getMessage()).contains("output of the forward").contains("null");
    assertThat(x).containsExactly(0.5);
  }

  @Test
  void forwardChangingShapeIsABrokenContract() {
    double[] x = {0.5, 0.25};
    int[] calls = {0};
    CheckResult result =
        GradientCheck.create()
            .param("x", x, new double[2])
            .output(() -> ++calls[0] == 1 ? new double[2] : new double[3])
            .backward(dy -> {})
            .run();

    assertThat(result.outcome()).isEqualTo(Outcome.CONTRACT_BROKEN);
    assertThat(result.violations().get(0).describe())
        .contains("shape")
        .contains("[3]")
        .contains("[2]");
    assertThat(x).containsExactly(0.5, 0.25);
  }

  /**
   * {@link GradientCheckException} promises the user's exception as its cause. A null or reshaped
   * output is not an exception of the user's code, and must not be reported as "the forward threw".
   */
  @Test
  void invalidOutputIsNotBlamedOnAThrowingForward() {
    double[] x = {0.5};
    Throwable thrown =
        catchThrowable(
            () ->
                GradientCheck.create()
                    .param("x", x, new double[1])
                    .output(() -> (double[]) null)
                    .backward(dy -> {})
                    .run());

    assertThat(thrown.getMessage()).doesNotContain("forward threw");
  }

  @Test
  void forwardReturningACustomStorageIsAClearError() {
    Throwable thrown =
        catchThrowable(
            () ->
                GradientCheck.create()
                    .param("x", new double[] {1}, new double[1])
                    .output(() -> new StorageTests.ArrayStorage(new double[2], 2))
                    .backward(dy -> {})
                    .run());

    assertThat(thrown.getMessage()).contains("custom Storage").contains("not supported");
  }

  @Test
  void forwardReturningAnUnsupportedTypeIsAClearError() {
    Throwable thrown =
        catchThrowable(
            () ->
                GradientCheck.create()
                    .param("x", new double[] {1}, new double[1])
                    .output(() -> List.of(1.0))
                    .backward(dy -> {})
                    .run());

    assertThat(thrown.getMessage()).contains("output of the forward").contains("unsupported");
  }

  @Test
  void anOutputWhoseRowsAreReplacedIsReadAfresh() {
    double[] w = {0.4, -0.7, 1.1};
    double[] dw = new double[3];
    double[][] out = new double[2][];
    CheckResult result =
        GradientCheck.create()
            .param("w", w, dw)
            .output(
                () -> {
                  out[0] = new double[] {w[0] * w[1], w[2]};
                  out[1] = new double[] {Math.sin(w[0]), w[1] + w[2]};
                  return out;
                })
            .backward(
                dy -> {
                  dw[0] = dy[0][0] * w[1] + dy[1][0] * Math.cos(w[0]);
                  dw[1] = dy[0][0] * w[0] + dy[1][1];
                  dw[2] = dy[0][1] + dy[1][1];
                })
            .run();
    assertThat(result.passed()).as(Report.text(result)).isTrue();
  }

  @Test
  void anInvalidOutputIsAPlainIllegalArgumentException() {
    double[] w = {1};
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                GradientCheck.create()
                    .param("w", w, new double[1])
                    .output(() -> (double[]) null)
                    .backward(dy -> {})
                    .run())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }
}
