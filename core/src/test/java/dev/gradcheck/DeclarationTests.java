package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Invalid declarations are rejected at once, with an {@link IllegalArgumentException} that names
 * the parameter and the index or shape at fault, before the user's code is ever called; and the
 * builder refuses to run in an incomplete or spent state.
 */
class DeclarationTests {

  private final AtomicInteger losses = new AtomicInteger();
  private final AtomicInteger backwards = new AtomicInteger();

  /** A check whose loss and backward are declared and counted, waiting for its parameters. */
  private GradientCheck declared() {
    return GradientCheck.create()
        .loss(
            () -> {
              losses.incrementAndGet();
              return 0;
            })
        .backward(backwards::incrementAndGet);
  }

  private void assertRejected(ThrowingCallable declaration, String... fragments) {
    assertThatThrownBy(declaration)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(fragments);
    assertThat(losses).as("loss evaluations").hasValue(0);
    assertThat(backwards).as("backward calls").hasValue(0);
  }

  @Test
  void raggedArray() {
    double[][] w = {{1, 2}, {3, 4}, {5}};
    assertRejected(
        () -> declared().param("W", w, new double[3][2]), "parameter 'W'", "ragged", "W[2]");
  }

  @Test
  void raggedAtAnInnerLevel() {
    float[][][] w = {{{1, 2}, {3, 4}}, {{5, 6}, {7}}};
    assertRejected(
        () -> declared().param("W", w, new float[2][2][2]), "'W'", "ragged", "W[1][1]", "1");
  }

  @Test
  void raggedGradient() {
    double[][] dw = {{0, 0}, {0}};
    assertRejected(
        () -> declared().param("W", new double[2][2], dw), "gradient of 'W'", "ragged", "W[1]");
  }

  @Test
  void nullValues() {
    assertRejected(() -> declared().param("W", null, new double[2]), "parameter 'W'", "null");
  }

  @Test
  void nullGradient() {
    assertRejected(() -> declared().param("W", new double[2], null), "gradient of 'W'", "null");
  }

  @Test
  void nullRow() {
    double[][] w = {{1, 2}, null};
    assertRejected(
        () -> declared().param("W", w, new double[2][2]), "parameter 'W'", "null row", "W[1]");
  }

  @Test
  void nullRowInGradient() {
    float[][] dw = {null, {1}};
    assertRejected(
        () -> declared().param("b", new float[2][1], dw), "gradient of 'b'", "null row", "b[0]");
  }

  @Test
  void emptyArrayOfRankOne() {
    assertRejected(() -> declared().param("W", new double[0], new double[0]), "'W'", "empty");
  }

  @Test
  void emptyOuterDimension() {
    assertRejected(
        () -> declared().param("W", new double[0][3], new double[0][3]), "'W'", "empty", "W");
  }

  @Test
  void emptyInnerDimension() {
    assertRejected(
        () -> declared().param("W", new float[2][0], new float[2][0]),
        "'W'",
        "empty",
        "W[0]",
        "length 0");
  }

  @Test
  void emptyMiddleDimension() {
    assertRejected(
        () -> declared().param("W", new double[2][0][3], new double[2][0][3]),
        "'W'",
        "empty",
        "W[0]");
  }

  @Test
  void emptyBufferVectorAndMatrix() {
    assertRejected(
        () -> declared().param("v", DoubleBuffer.allocate(0), new double[1]), "'v'", "empty");
    assertRejected(
        () -> declared().param("u", new ArrayRealVector(0), new double[1]), "'u'", "empty");
    assertRejected(
        () -> declared().param("m", new Array2DRowRealMatrix(), new double[1]), "'m'", "empty");
  }

  @Test
  void emptyCustomStorage() {
    assertRejected(
        () -> declared().param("s", new Shaped(new int[] {2, 0}), new double[2][1]),
        "parameter 's'",
        "[2, 0]");
    assertRejected(
        () -> declared().param("t", new Shaped(new int[0]), new double[1]),
        "parameter 't'",
        "shape");
    assertRejected(
        () -> declared().param("u", new Shaped(null), new double[1]), "parameter 'u'", "shape");
  }

  @Test
  void unsupportedTypes() {
    assertRejected(
        () -> declared().param("W", new int[3], new double[3]), "parameter 'W'", "int[]");
    assertRejected(
        () -> declared().param("W", "weights", new double[3]), "parameter 'W'", "java.lang.String");
    assertRejected(
        () -> declared().param("W", new double[3], new Double[3]), "gradient of 'W'", "Double[]");
    assertRejected(
        () -> declared().param("W", new long[2][2], new double[2][2]), "parameter 'W'", "long[][]");
  }

  @Test
  void readOnlyBuffers() {
    DoubleBuffer values = DoubleBuffer.wrap(new double[] {1, 2}).asReadOnlyBuffer();
    assertRejected(
        () -> declared().param("W", values, new double[2]), "parameter 'W'", "read-only");
    FloatBuffer gradient = FloatBuffer.allocate(2).asReadOnlyBuffer();
    assertRejected(
        () -> declared().param("W", new float[2], gradient), "gradient of 'W'", "read-only");
  }

  @Test
  void gradientShapeDiffers() {
    assertRejected(
        () -> declared().param("W", new double[3][2], new double[2][3]),
        "gradient of 'W'",
        "[2, 3]",
        "[3, 2]");
  }

  @Test
  void gradientOfSameSizeButOtherRankDiffers() {
    assertRejected(
        () -> declared().param("W", new Array2DRowRealMatrix(3, 2), new double[6]),
        "gradient of 'W'",
        "[6]",
        "[3, 2]");
  }

  @Test
  void sameArrayAsTwoParameters() {
    double[] x = {1, 2};
    GradientCheck check = declared().param("a", x, new double[2]);
    assertRejected(() -> check.param("b", x, new double[2]), "parameter 'b'", "parameter 'a'");
  }

  @Test
  void gradientOfOneIsTheValuesOfAnother() {
    double[] x = {1, 2};
    double[] dx = new double[2];
    GradientCheck check = declared().param("a", x, dx);
    assertRejected(
        () -> check.param("b", new double[2], x), "gradient of 'b'", "parameter 'a'", "shares");
    assertRejected(
        () -> check.param("c", dx, new double[2]),
        "parameter 'c'",
        "the gradient of 'a'",
        "shares");
  }

  @Test
  void twoGradientsInOneArray() {
    double[] dx = new double[2];
    GradientCheck check = declared().param("a", new double[2], dx);
    assertRejected(
        () -> check.param("b", new double[2], dx), "gradient of 'b'", "the gradient of 'a'");
  }

  @Test
  void rowOfOneParameterIsAnotherParameter() {
    double[] row = {1, 2};
    double[][] w = {row, {3, 4}};
    GradientCheck check = declared().param("W", w, new double[2][2]);
    assertRejected(() -> check.param("r", row, new double[2]), "parameter 'r'", "'W'");
  }

  @Test
  void rowOfAMatrixIsAnotherParameter() {
    double[][] data = {{1, 2}, {3, 4}};
    GradientCheck check =
        declared().param("M", new Array2DRowRealMatrix(data, false), new double[2][2]);
    assertRejected(() -> check.param("r", data[1], new double[2]), "parameter 'r'", "'M'");
  }

  @Test
  void dataOfAVectorIsAnotherParameter() {
    double[] data = {1, 2, 3};
    GradientCheck check = declared().param("v", new ArrayRealVector(data, false), new double[3]);
    assertRejected(() -> check.param("d", data, new double[3]), "parameter 'd'", "'v'");
  }

  @Test
  void overlappingBufferSlices() {
    double[] backing = new double[10];
    DoubleBuffer a = DoubleBuffer.wrap(backing, 0, 6).slice();
    DoubleBuffer b = DoubleBuffer.wrap(backing, 4, 6).slice();
    GradientCheck check = declared().param("a", a, new double[6]);
    assertRejected(
        () -> check.param("b", b, new double[6]),
        "parameter 'b'",
        "parameter 'a'",
        "give each its own array");
  }

  @Test
  void sameRowTwiceInOneArray() {
    double[] row = {1, 2};
    double[][] w = {row, {3, 4}, row};
    assertRejected(
        () -> declared().param("W", w, new double[3][2]),
        "parameter 'W'",
        "same array twice",
        "W[0]",
        "W[2]");
  }

  @Test
  void sameRowTwiceInAGradient() {
    float[] row = new float[2];
    float[][] dw = {row, row};
    assertRejected(
        () -> declared().param("W", new float[2][2], dw),
        "gradient of 'W'",
        "same array twice",
        "W[0]",
        "W[1]");
  }

  @Test
  void gradientIsTheParameterItself() {
    double[] x = {1, 2};
    assertRejected(() -> declared().param("x", x, x), "gradient of 'x'", "parameter itself");
  }

  @Test
  void gradientSharesARowWithItsParameter() {
    double[] row = {1, 2};
    double[][] w = {row, {3, 4}};
    double[][] dw = {new double[2], row};
    assertRejected(() -> declared().param("W", w, dw), "gradient of 'W'");
  }

  @Test
  void duplicateName() {
    GradientCheck check = declared().param("W", new double[2], new double[2]);
    assertRejected(
        () -> check.param("W", new double[2], new double[2]),
        "'W'",
        "twice",
        "give each parameter a name of its own");
  }

  @Test
  void blankOrMissingName() {
    assertRejected(() -> declared().param("  ", new double[2], new double[2]), "name");
    assertRejected(() -> declared().param("", new double[2], new double[2]), "name");
    assertRejected(() -> declared().param(null, new double[2], new double[2]), "name");
  }

  @Test
  void nullLossOutputOrBackward() {
    assertThatThrownBy(() -> GradientCheck.create().loss(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loss");
    assertThatThrownBy(() -> GradientCheck.create().output(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output");
    assertThatThrownBy(() -> GradientCheck.create().loss(() -> 0).backward(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backward");
    assertThatThrownBy(() -> GradientCheck.create().output(() -> new double[1]).backward(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backward");
  }

  @Test
  void runWithoutParameters() {
    assertThatThrownBy(() -> declared().run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("param");
    assertThat(losses).hasValue(0);
  }

  @Test
  void runWithoutLoss() {
    GradientCheck check = GradientCheck.create().param("W", new double[2], new double[2]);
    assertThatThrownBy(check::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("loss(")
        .hasMessageContaining("backward(");
  }

  @Test
  void lossWithoutBackward() {
    GradientCheck check = GradientCheck.create().param("W", new double[2], new double[2]);
    check.loss(
        () -> {
          losses.incrementAndGet();
          return 0;
        });
    assertThat(check.isEmpty()).isFalse();
    assertThatThrownBy(check::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("loss")
        .hasMessageContaining("backward");
    assertThat(losses).hasValue(0);
  }

  @Test
  void outputWithoutBackward() {
    GradientCheck check = GradientCheck.create().param("W", new double[2], new double[2]);
    check.output(() -> new double[1]);
    assertThatThrownBy(check::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("output")
        .hasMessageContaining("backward");
  }

  @Test
  void lossDeclaredTwice() {
    GradientCheck check = GradientCheck.create();
    check.loss(() -> 0);
    assertThatThrownBy(() -> check.loss(() -> 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already declared");
    GradientCheck complete = declared();
    assertThatThrownBy(() -> complete.loss(() -> 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already declared");
    assertThatThrownBy(() -> complete.output(() -> new double[1]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already declared");
  }

  @Test
  void runTwice() {
    double[] x = {0.5};
    double[] dx = new double[1];
    GradientCheck check =
        GradientCheck.create()
            .param("x", x, dx)
            .loss(() -> x[0] * x[0])
            .backward(() -> dx[0] = 2 * x[0]);
    assertThat(check.run().passed()).isTrue();
    assertThatThrownBy(check::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already run");
    assertThatThrownBy(() -> check.param("y", new double[1], new double[1]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already run");
  }

  @Test
  void seedAfterRandom() {
    GradientCheck check = GradientCheck.create().seed(1);
    check.random();
    assertThatThrownBy(() -> check.seed(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("random()");
    assertThat(check.seed()).isEqualTo(1);
  }

  @Test
  void emptyCheck() {
    assertThat(GradientCheck.create().isEmpty()).isTrue();
    assertThat(GradientCheck.create().param("W", new double[1], new double[1]).isEmpty()).isFalse();
  }

  /** A custom storage with a given, possibly invalid, shape. */
  static final class Shaped implements Storage {
    private final int[] shape;

    Shaped(int[] shape) {
      this.shape = shape;
    }

    @Override
    public int[] shape() {
      return shape;
    }

    @Override
    public double get(int index) {
      return 0;
    }

    @Override
    public void set(int index, double value) {}
  }
}
