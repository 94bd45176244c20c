package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supported parameter storage, checked end to end: the exact gradient passes, and a gradient
 * wrong in one entry fails at that entry, named by its multi-index.
 */
class StorageTests {

  /** Added to one entry of the exact gradient: far beyond any numerical error. */
  private static final double ERROR = 0.5;

  /**
   * One storage to check.
   *
   * @param kind the kind the result reports
   * @param values creates the parameter, filled by the test
   * @param gradient creates the gradient storage
   * @param shape the expected shape
   * @param wrong the flat index of the entry made wrong
   * @param label that entry's expected multi-index
   */
  record Case(
      String kind,
      Supplier<Object> values,
      Supplier<Object> gradient,
      int[] shape,
      int wrong,
      String label) {
    @Override
    public String toString() {
      return kind + " " + label;
    }
  }

  static Stream<Case> storages() {
    return Stream.of(
        new Case("double[]", () -> new double[5], () -> new double[5], shape(5), 3, "W[3]"),
        new Case(
            "double[][]",
            () -> new double[3][2],
            () -> new double[3][2],
            shape(3, 2),
            4,
            "W[2][0]"),
        new Case(
            "double[][][]",
            () -> new double[2][3][2],
            () -> new double[2][3][2],
            shape(2, 3, 2),
            7,
            "W[1][0][1]"),
        new Case("float[]", () -> new float[4], () -> new float[4], shape(4), 2, "W[2]"),
        new Case(
            "float[][]", () -> new float[3][2], () -> new float[3][2], shape(3, 2), 4, "W[2][0]"),
        new Case(
            "float[][][]",
            () -> new float[2][2][3],
            () -> new float[2][2][3],
            shape(2, 2, 3),
            10,
            "W[1][1][1]"),
        new Case(
            "Array2DRowRealMatrix",
            () -> new Array2DRowRealMatrix(3, 2),
            () -> new Array2DRowRealMatrix(3, 2),
            shape(3, 2),
            4,
            "W[2][0]"),
        new Case(
            "BlockRealMatrix",
            () -> new BlockRealMatrix(3, 2),
            () -> new BlockRealMatrix(3, 2),
            shape(3, 2),
            4,
            "W[2][0]"),
        // A double[][] parameter may keep its gradient in a matrix of the same shape.
        new Case(
            "double[][]",
            () -> new double[3][2],
            () -> new Array2DRowRealMatrix(3, 2),
            shape(3, 2),
            1,
            "W[0][1]"),
        new Case(
            "ArrayRealVector",
            () -> new ArrayRealVector(4),
            () -> new ArrayRealVector(4),
            shape(4),
            1,
            "W[1]"),
        // Entries 2..6 of an 8-element buffer: indices count from the position.
        new Case(
            "DoubleBuffer",
            () -> DoubleBuffer.wrap(new double[8]).position(2).limit(7),
            () -> new double[5],
            shape(5),
            3,
            "W[3]"),
        new Case(
            "DoubleBuffer",
            () -> DoubleBuffer.wrap(new double[9], 3, 4).slice(),
            () -> DoubleBuffer.allocate(4),
            shape(4),
            0,
            "W[0]"),
        new Case(
            "DoubleBuffer",
            () -> ByteBuffer.allocateDirect(8 * 4).asDoubleBuffer(),
            () -> ByteBuffer.allocateDirect(8 * 4).asDoubleBuffer(),
            shape(4),
            2,
            "W[2]"),
        new Case(
            "FloatBuffer",
            () -> FloatBuffer.wrap(new float[6]).position(1),
            () -> FloatBuffer.allocate(5),
            shape(5),
            4,
            "W[4]"),
        new Case(
            "FloatBuffer",
            () -> FloatBuffer.wrap(new float[10], 4, 3).slice(),
            () -> new float[3],
            shape(3),
            1,
            "W[1]"),
        new Case(
            "Storage",
            () -> new ArrayStorage(new double[6], 2, 3),
            () -> new ArrayStorage(new double[6], 2, 3),
            shape(2, 3),
            5,
            "W[1][2]"),
        new Case(
            "Storage",
            () -> new FloatStorage(new float[4], 4),
            () -> new double[4],
            shape(4),
            3,
            "W[3]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void exactGradientPasses(Case c) {
    Object w = filled(c);
    CheckResult result = check(w, c.gradient().get(), -1);

    assertThat(result.passed()).as(Report.text(result)).isTrue();
    ParameterResult p = result.parameter("W");
    assertThat(p.kind()).isEqualTo(c.kind());
    assertThat(p.shape()).containsExactly(c.shape());
    assertThat(p.checked()).isEqualTo(size(c.shape()));
    assertThat(p.entries()).extracting(EntryResult::verdict).containsOnly(Verdict.PASS);
    assertThat(p.entries()).extracting(EntryResult::index).containsExactlyElementsOf(indices(p));
    assertThat(Report.text(result)).startsWith("gradient check passed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void gradientWrongInOneEntryFailsThere(Case c) {
    Object w = filled(c);
    double[] before = Flat.read(w);
    CheckResult result = check(w, c.gradient().get(), c.wrong());

    assertThat(result.passed()).isFalse();
    assertThat(result.violations()).isEmpty();
    ParameterResult p = result.parameter("W");
    EntryResult wrong = p.entries().get(c.wrong());
    assertThat(wrong.label()).isEqualTo(c.label());
    assertThat(wrong.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(wrong.analytic() - wrong.numeric()).isCloseTo(ERROR, offsetOf(c));
    assertThat(p.count(Verdict.FAIL)).isEqualTo(1);
    assertThat(p.count(Verdict.PASS)).isEqualTo(p.checked() - 1);

    String render = Report.text(result);
    assertThat(render.lines().findFirst().orElseThrow())
        .contains("'W'")
        .contains("1 of " + p.checked());
    assertThat(render.lines()).anyMatch(l -> l.startsWith("worst entry") && l.contains(c.label()));
    assertThat(Flat.read(w)).containsExactly(before);
  }

  @Test
  void buffersKeepTheirPositionAndLimit() {
    DoubleBuffer w = DoubleBuffer.wrap(new double[8]).position(2).limit(7);
    Flat.write(w, SmoothLoss.point(5));
    FloatBuffer dw = FloatBuffer.wrap(new float[7]).position(1).limit(6);

    CheckResult result = check(w, dw, -1);

    assertThat(result.passed()).as(Report.text(result)).isTrue();
    assertThat(w.position()).isEqualTo(2);
    assertThat(w.limit()).isEqualTo(7);
    assertThat(dw.position()).isEqualTo(1);
    assertThat(dw.limit()).isEqualTo(6);
    // The entries outside position..limit are not part of the parameter and stay untouched.
    assertThat(w.array()[0]).isZero();
    assertThat(w.array()[7]).isZero();
    assertThat(dw.array()[0]).isZero();
    assertThat(dw.array()[6]).isZero();
  }

  @Test
  void gradientInAnotherRegionOfTheSameArrayIsAllowed() {
    double[] backing = new double[10];
    DoubleBuffer w = DoubleBuffer.wrap(backing, 0, 5).slice();
    DoubleBuffer dw = DoubleBuffer.wrap(backing, 5, 5).slice();
    Flat.write(w, SmoothLoss.point(5));

    CheckResult result = check(w, dw, 2);

    assertThat(result.parameter("W").entries().get(2).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.parameter("W").count(Verdict.PASS)).isEqualTo(4);
  }

  @Test
  void severalParametersOfDifferentStoragesAreCheckedTogether() {
    double[][] w = new double[2][3];
    Flat.write(w, SmoothLoss.point(6));
    float[] b = {0.25f, -0.5f};
    double[][] dw = new double[2][3];
    float[] db = new float[2];
    CheckResult result =
        GradientCheck.create()
            .seed(3)
            .param("W", w, dw)
            .param("b", b, db)
            .loss(() -> SmoothLoss.value(Flat.read(w)) * sumOfSquares(b))
            .backward(
                () -> {
                  double[] x = Flat.read(w);
                  double s = sumOfSquares(b);
                  double[] g = SmoothLoss.gradient(x);
                  for (int i = 0; i < g.length; i++) {
                    g[i] *= s;
                  }
                  Flat.write(dw, g);
                  double f = SmoothLoss.value(x);
                  // Bug: the factor 2 of d(b²)/db is missing.
                  Flat.write(db, new double[] {f * b[0], f * b[1]});
                })
            .run();

    assertThat(result.parameters()).extracting(ParameterResult::name).containsExactly("W", "b");
    assertThat(result.parameter("W").ok()).isTrue();
    assertThat(result.parameter("b").count(Verdict.FAIL)).isEqualTo(2);
    assertThat(result.parameter("b").kind()).isEqualTo("float[]");
    assertThat(Report.text(result).lines().findFirst().orElseThrow())
        .startsWith("gradient of 'b' is wrong")
        .contains("W 6/6 ok");
  }

  private static double sumOfSquares(float[] b) {
    double s = 0;
    for (float v : b) {
      s += (double) v * v;
    }
    return s;
  }

  /** Checks the smooth loss; the backward adds {@link #ERROR} to entry {@code wrong} if >= 0. */
  static CheckResult check(Object w, Object dw, int wrong) {
    return GradientCheck.create()
        .seed(42)
        .param("W", w, dw)
        .loss(() -> SmoothLoss.value(Flat.read(w)))
        .backward(
            () -> {
              double[] g = SmoothLoss.gradient(Flat.read(w));
              if (wrong >= 0) {
                g[wrong] += ERROR;
              }
              Flat.write(dw, g);
            })
        .run();
  }

  private static Object filled(Case c) {
    Object w = c.values().get();
    Flat.write(w, SmoothLoss.point(size(c.shape())));
    return w;
  }

  private static org.assertj.core.data.Offset<Double> offsetOf(Case c) {
    // Float storage rounds the gradient and the parameter to float.
    return org.assertj.core.data.Offset.offset(c.kind().contains("loat") ? 1e-3 : 1e-6);
  }

  private static Iterable<Integer> indices(ParameterResult p) {
    return java.util.stream.IntStream.range(0, p.checked()).boxed().toList();
  }

  private static int[] shape(int... dims) {
    return dims;
  }

  private static int size(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** A custom storage over a flat double array with a 2-d shape. */
  static final class ArrayStorage implements Storage {
    private final double[] data;
    private final int[] shape;

    ArrayStorage(double[] data, int... shape) {
      this.data = data;
      this.shape = shape;
    }

    @Override
    public int[] shape() {
      return shape.clone();
    }

    @Override
    public double get(int index) {
      return data[index];
    }

    @Override
    public void set(int index, double value) {
      data[index] = value;
    }
  }

  /** A custom storage that keeps floats and says so. */
  static final class FloatStorage implements Storage {
    private final float[] data;
    private final int size;

    FloatStorage(float[] data, int size) {
      this.data = data;
      this.size = size;
    }

    @Override
    public int[] shape() {
      return new int[] {size};
    }

    @Override
    public double get(int index) {
      return data[index];
    }

    @Override
    public void set(int index, double value) {
      data[index] = (float) value;
    }

    @Override
    public Precision precision() {
      return Precision.FLOAT;
    }
  }
}
