package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * Storage that the check could not perturb, restore or even read is rejected when it is declared,
 * before any evaluation, with a message that names the parameter, the entry and its value and says
 * what to do; what can only fail later (a custom storage's {@code set}) fails naming the same.
 */
class StorageDeclarationTests {

  private final AtomicInteger evaluations = new AtomicInteger();

  private GradientCheck declared() {
    return GradientCheck.create()
        .loss(
            () -> {
              evaluations.incrementAndGet();
              return 0;
            })
        .backward(evaluations::incrementAndGet);
  }

  /** Asserts a rejection at declaration and returns its message, for the documentation. */
  private String rejected(Runnable declaration, String... fragments) {
    Throwable e = catchThrowable(declaration::run);
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.getMessage()).contains(fragments);
    assertThat(evaluations).as("evaluations").hasValue(0);
    System.out.println("declaration error: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void anUnmodifiableVectorAsParameter() {
    RealVector w = RealVector.unmodifiableRealVector(new ArrayRealVector(new double[] {0.5, 2}));
    rejected(
        () -> declared().param("w", w, new double[2]),
        "parameter 'w'",
        "w[0]",
        "0.5",
        "cannot be set",
        "MathUnsupportedOperationException",
        "new ArrayRealVector");
  }

  @Test
  void anUnmodifiableVectorAsGradient() {
    RealVector dw = RealVector.unmodifiableRealVector(new ArrayRealVector(2));
    rejected(
        () -> declared().param("w", new double[2], dw),
        "gradient of 'w'",
        "w[0]",
        "cannot be set",
        "MathUnsupportedOperationException");
  }

  @Test
  void aDiagonalMatrixAsParameter() {
    DiagonalMatrix d = new DiagonalMatrix(new double[] {1.5, -0.0, 3});
    double[][] before = d.getData();
    rejected(
        () -> declared().param("D", d, new double[3][3]),
        "parameter 'D'",
        "DiagonalMatrix",
        "D[0][1]",
        "cannot be set",
        "NumberIsTooLargeException",
        "Array2DRowRealMatrix");
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        assertThat(Double.doubleToRawLongBits(d.getEntry(r, c)))
            .as("D[%d][%d] untouched", r, c)
            .isEqualTo(Double.doubleToRawLongBits(before[r][c]));
      }
    }
  }

  @Test
  void aMatrixThatDoesNotKeepWhatItIsGivenIsRejectedAtItsFirstEntry() {
    // Rounds every write to a multiple of 1/1024: reading 0.1 and writing it back changes it, and
    // no write can restore it. Probing stops there: no other entry is written.
    double[][] data = {{0.1, 0.25}, {0.5, -0.0}};
    Array2DRowRealMatrix m =
        new Array2DRowRealMatrix(data, false) {
          private static final long serialVersionUID = 1L;

          @Override
          public void setEntry(int row, int column, double value) {
            super.setEntry(row, column, Math.rint(value * 1024) / 1024);
          }
        };
    rejected(
        () -> declared().param("M", m, new double[2][2]),
        "parameter 'M'",
        "M[0][0]",
        "0.1",
        "does not keep",
        "0.099609375",
        "could not be restored");
    assertThat(data[0][1]).isEqualTo(0.25);
    assertThat(data[1][0]).isEqualTo(0.5);
    assertThat(Double.doubleToRawLongBits(data[1][1])).isEqualTo(0x8000000000000000L);
  }

  @Test
  void aShapeWhoseProductOverflows() {
    rejected(
        () -> declared().param("W", new double[4], new double[4], 65536, 65536),
        "parameter 'W'",
        "[65536, 65536]",
        "4294967296 entries",
        "at most 2147483647");
  }

  @Test
  void aCustomStorageWhoseShapeOverflows() {
    rejected(
        () -> declared().param("W", storage(new int[] {1 << 20, 1 << 12}, i -> 0), new double[4]),
        "parameter 'W'",
        "4294967296 entries");
  }

  @Test
  void aCustomStorageWithoutPrecision() {
    Storage s =
        new Storage() {
          @Override
          public int[] shape() {
            return new int[] {2};
          }

          @Override
          public double get(int index) {
            return 0;
          }

          @Override
          public void set(int index, double value) {}

          @Override
          public Precision precision() {
            return null;
          }
        };
    rejected(
        () -> declared().param("w", s, new double[2]),
        "parameter 'w'",
        "precision() returned null",
        "Precision.DOUBLE");
  }

  @Test
  void aCustomStorageWhoseShapeThrows() {
    IllegalStateException failure = new IllegalStateException("not loaded yet");
    Storage s =
        new Storage() {
          @Override
          public int[] shape() {
            throw failure;
          }

          @Override
          public double get(int index) {
            return 0;
          }

          @Override
          public void set(int index, double value) {}
        };
    Throwable e = catchThrowable(() -> declared().param("w", new double[2], s));
    rejected(
        () -> declared().param("w", new double[2], s),
        "gradient of 'w'",
        "shape()",
        "IllegalStateException",
        "not loaded yet");
    assertThat(e.getCause()).isSameAs(failure);
  }

  @Test
  void aCustomStorageWhoseGetThrows() {
    ArrayIndexOutOfBoundsException failure = new ArrayIndexOutOfBoundsException("Index 2");
    Storage s =
        storage(
            new int[] {2, 2},
            i -> {
              if (i == 2) {
                throw failure;
              }
              return i;
            });
    Throwable e = catchThrowable(() -> declared().param("W", s, new double[2][2]));
    rejected(
        () -> declared().param("W", s, new double[2][2]),
        "parameter 'W'",
        "get(2)",
        "W[1][0]",
        "ArrayIndexOutOfBoundsException");
    assertThat(e.getCause()).isSameAs(failure);
  }

  @Test
  void aCustomStorageWhoseSetThrowsDuringTheCheck() {
    double[] data = {0.5, -0.25};
    UnsupportedOperationException failure = new UnsupportedOperationException("read-only tensor");
    Storage s =
        new Storage() {
          @Override
          public int[] shape() {
            return new int[] {2};
          }

          @Override
          public double get(int index) {
            return data[index];
          }

          @Override
          public void set(int index, double value) {
            throw failure;
          }
        };
    double[] dw = new double[2];
    Throwable e =
        catchThrowable(
            () ->
                GradientCheck.create()
                    .param("w", s, dw)
                    .loss(() -> SmoothLoss.value(data))
                    .backward(() -> System.arraycopy(SmoothLoss.gradient(data), 0, dw, 0, 2))
                    .run());
    assertThat(e).isInstanceOf(GradientCheckException.class);
    assertThat(e.getCause()).isSameAs(failure);
    assertThat(e.getMessage())
        .contains("parameter 'w'")
        .containsPattern("set\\([01], ")
        .containsPattern("w\\[[01]\\]")
        .contains("read-only tensor");
    System.out.println("run error: " + e.getMessage());
    assertThat(data).containsExactly(0.5, -0.25);
  }

  private static Storage storage(int[] shape, IntToDoubleFunction get) {
    return new Storage() {
      @Override
      public int[] shape() {
        return shape;
      }

      @Override
      public double get(int index) {
        return get.applyAsDouble(index);
      }

      @Override
      public void set(int index, double value) {}
    };
  }

  @Test
  void aDirectBufferAndItsDuplicateAreTheSameStorage() {
    java.nio.FloatBuffer p = java.nio.ByteBuffer.allocateDirect(12).asFloatBuffer();
    p.put(0, 0.5f).put(1, -1.5f).put(2, 2.5f);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> GradientCheck.create().param("p", p, p.duplicate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gradient of 'p' shares its storage with parameter 'p'");
    assertThat(new float[] {p.get(0), p.get(1), p.get(2)}).containsExactly(0.5f, -1.5f, 2.5f);
    // Separate direct buffers are fine.
    java.nio.FloatBuffer dp = java.nio.ByteBuffer.allocateDirect(12).asFloatBuffer();
    GradientCheck.create().param("p", p, dp);
    assertThat(p.get(1)).isEqualTo(-1.5f);
  }
}
