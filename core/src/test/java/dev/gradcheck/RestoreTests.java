package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameters hold their original bits after every check: passing, failing, and when the user's loss
 * or backward throws in the middle; including -0.0, subnormals, NaNs with payload bits (which a
 * round trip through arithmetic or a float-double conversion would quieten) and huge values.
 */
class RestoreTests {

  private static final long SIGNALLING_NAN = 0x7ff0000000000123L;
  private static final int SIGNALLING_NAN_FLOAT = 0x7f800123;

  /** Flat index of an ordinary entry (0.75) in every layout below. */
  private static final int ORDINARY = 5;

  private static double[] oddDoubles() {
    return new double[] {
      -0.0,
      Double.MIN_VALUE,
      Double.longBitsToDouble(SIGNALLING_NAN),
      1e300,
      -1e300,
      0.75,
      -1.25,
      0.5
    };
  }

  private static float[] oddFloats() {
    return new float[] {
      -0.0f,
      Float.MIN_VALUE,
      Float.intBitsToFloat(SIGNALLING_NAN_FLOAT),
      Float.MAX_VALUE,
      -1e30f,
      0.75f,
      -1.25f,
      0.5f
    };
  }

  /**
   * One storage holding the odd values.
   *
   * @param name the storage type
   * @param values creates the parameter, holding the odd values
   * @param gradient creates its gradient storage
   * @param bits reads the raw bits of every entry, row-major
   */
  record Case(
      String name,
      Supplier<Object> values,
      Supplier<Object> gradient,
      java.util.function.Function<Object, long[]> bits) {
    /** The multi-index of a flat index: the 2-d layouts have 4 columns. */
    String label(int flat) {
      return name.endsWith("[][]") || name.equals("RealMatrix")
          ? "w[" + flat / 4 + "][" + flat % 4 + "]"
          : "w[" + flat + "]";
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> storages() {
    return Stream.of(
        new Case("double[]", RestoreTests::oddDoubles, () -> new double[8], RestoreTests::bits),
        new Case("float[]", RestoreTests::oddFloats, () -> new float[8], RestoreTests::bits),
        new Case(
            "float[][]",
            () -> {
              float[] odd = oddFloats();
              return new float[][] {
                java.util.Arrays.copyOfRange(odd, 0, 4), java.util.Arrays.copyOfRange(odd, 4, 8)
              };
            },
            () -> new float[2][4],
            RestoreTests::bits),
        new Case(
            "FloatBuffer",
            () -> {
              // Position 1, limit 9: padding on either side must stay untouched too.
              float[] backing = new float[10];
              System.arraycopy(oddFloats(), 0, backing, 1, 8);
              return FloatBuffer.wrap(backing).position(1).limit(9);
            },
            () -> FloatBuffer.allocate(8),
            RestoreTests::bits),
        new Case(
            "RealMatrix",
            () -> {
              double[] odd = oddDoubles();
              return new Array2DRowRealMatrix(
                  new double[][] {
                    java.util.Arrays.copyOfRange(odd, 0, 4), java.util.Arrays.copyOfRange(odd, 4, 8)
                  });
            },
            () -> new Array2DRowRealMatrix(2, 4),
            RestoreTests::bits));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void restoredAfterAPassingCheck(Case c) {
    Object w = c.values().get();
    long[] before = meaningful(c, w);

    CheckResult result = run(w, c.gradient().get(), new Loss(w, -1, 0, 0));

    assertThat(result.passed()).as(Report.text(result)).isTrue();
    assertThat(c.bits().apply(w)).containsExactly(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void restoredAfterAFailingCheck(Case c) {
    Object w = c.values().get();
    long[] before = meaningful(c, w);

    CheckResult result = run(w, c.gradient().get(), new Loss(w, ORDINARY, 0, 0));

    assertThat(result.passed()).isFalse();
    assertThat(result.parameter("w").entries().get(ORDINARY).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.bits().apply(w)).containsExactly(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void restoredWhenTheLossThrowsWhileAnEntryIsPerturbed(Case c) {
    Object w = c.values().get();
    long[] before = meaningful(c, w);
    // Throws on the 7th evaluation with exactly one entry perturbed: inside the per-entry checks.
    Loss loss = new Loss(w, -1, 1, 7);

    GradientCheckException e =
        catchThrowableOfType(GradientCheckException.class, () -> run(w, c.gradient().get(), loss));

    assertThat(e).as("the loss threw").isNotNull();
    assertThat(e.getCause()).isSameAs(loss.thrown);
    assertThat(loss.perturbedWhenThrown).hasSize(1);
    int entry = loss.perturbedWhenThrown.get(0);
    assertThat(e.getMessage())
        .contains("forward threw")
        .contains("with " + c.label(entry) + " perturbed")
        .contains(loss.thrown.getMessage());
    assertThat(c.bits().apply(w)).containsExactly(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void restoredWhenTheLossThrowsWhileMeasuringNoise(Case c) {
    Object w = c.values().get();
    long[] before = meaningful(c, w);
    // Throws whenever several entries are moved at once: only the noise probe does that. The
    // probe takes it for the edge of the function's domain and measures no noise; the entries
    // are then checked one by one as usual.
    Loss loss = new Loss(w, -1, 2, 1);

    CheckResult result = run(w, c.gradient().get(), loss);

    assertThat(loss.perturbedWhenThrown).hasSizeGreaterThan(1);
    assertThat(result.noise()).isZero();
    assertThat(result.count(Verdict.FAIL)).isZero();
    assertThat(c.bits().apply(w)).containsExactly(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void restoredWhenTheBackwardThrows(Case c) {
    Object w = c.values().get();
    long[] before = meaningful(c, w);
    IllegalStateException failure = new IllegalStateException("backward exploded");

    GradientCheckException e =
        catchThrowableOfType(
            GradientCheckException.class,
            () ->
                GradientCheck.create()
                    .seed(11)
                    .param("w", w, c.gradient().get())
                    .loss(new Loss(w, -1, 0, 0))
                    .backward(
                        () -> {
                          throw failure;
                        })
                    .run());

    assertThat(e.getCause()).isSameAs(failure);
    assertThat(e.getMessage())
        .contains("backward threw")
        .contains("at the declared point")
        .contains("backward exploded");
    assertThat(c.bits().apply(w)).containsExactly(before);
  }

  /** Checks that the odd values really are in the storage, and returns their bits. */
  private static long[] meaningful(Case c, Object w) {
    long[] bits = c.bits().apply(w);
    boolean isFloat = c.name().startsWith("float") || c.name().startsWith("Float");
    assertThat(bits[2])
        .as("the signalling NaN keeps its payload before the check")
        .isEqualTo(isFloat ? SIGNALLING_NAN_FLOAT : SIGNALLING_NAN);
    assertThat(bits[0]).as("-0.0").isEqualTo(isFloat ? 0x80000000L : 0x8000000000000000L);
    return bits;
  }

  private static CheckResult run(Object w, Object dw, Loss loss) {
    return GradientCheck.create()
        .seed(11)
        // NaN entries cannot be perturbed, so they stay unverified: these tests are about
        // restoring.
        .minCoverage(0)
        .param("w", w, dw)
        .loss(loss)
        .backward(() -> Flat.write(dw, loss.gradient()))
        .run();
  }

  /**
   * {@code Σ u_k + u_k²/4} with {@code u_k = x_k / max(1, |x_k|)} at the declared point, over the
   * finite entries only, so that huge entries contribute as much as ordinary ones. Optionally adds
   * an error to one gradient entry, and throws on the n-th evaluation at which {@code perturbed}
   * entries (1) or several entries (2 or more) differ from the declared point, recording which.
   */
  static final class Loss implements java.util.function.DoubleSupplier {
    private final Object storage;
    private final double[] declared;
    private final double[] scale;
    private final int wrong;
    private final int perturbed;
    private final int throwAt;
    private int matching;
    final List<Integer> perturbedWhenThrown = new ArrayList<>();
    RuntimeException thrown;

    Loss(Object storage, int wrong, int perturbed, int throwAt) {
      this.storage = storage;
      this.declared = Flat.read(storage);
      this.scale = new double[declared.length];
      for (int k = 0; k < declared.length; k++) {
        scale[k] = Double.isFinite(declared[k]) ? Math.max(1, Math.abs(declared[k])) : 1;
      }
      this.wrong = wrong;
      this.perturbed = perturbed;
      this.throwAt = throwAt;
    }

    @Override
    public double getAsDouble() {
      double[] x = Flat.read(storage);
      List<Integer> moved = new ArrayList<>();
      for (int k = 0; k < x.length; k++) {
        if (Double.doubleToLongBits(x[k]) != Double.doubleToLongBits(declared[k])) {
          moved.add(k);
        }
      }
      boolean counts = perturbed == 1 ? moved.size() == 1 : perturbed > 1 && moved.size() > 1;
      // From the throwAt-th matching evaluation on, every matching evaluation throws: a
      // perturbation the forward cannot take, which smaller steps do not cure either.
      if (counts && ++matching >= throwAt) {
        if (perturbedWhenThrown.isEmpty()) {
          perturbedWhenThrown.addAll(moved);
        }
        // The check reports the first failure (where it first happened), with its exception.
        IllegalStateException e =
            new IllegalStateException("loss exploded at evaluation " + matching);
        if (thrown == null) {
          thrown = e;
        }
        throw e;
      }
      double sum = 0;
      for (int k = 0; k < x.length; k++) {
        if (Double.isFinite(x[k])) {
          double u = x[k] / scale[k];
          sum += u + 0.25 * u * u;
        }
      }
      return sum;
    }

    double[] gradient() {
      double[] x = Flat.read(storage);
      double[] g = new double[x.length];
      for (int k = 0; k < x.length; k++) {
        if (Double.isFinite(x[k])) {
          g[k] = (1 + 0.5 * x[k] / scale[k]) / scale[k];
        }
      }
      if (wrong >= 0) {
        g[wrong] += 0.5;
      }
      return g;
    }
  }

  private static long[] bits(Object storage) {
    if (storage instanceof double[] a) {
      long[] bits = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        bits[i] = Double.doubleToRawLongBits(a[i]);
      }
      return bits;
    }
    if (storage instanceof float[] a) {
      long[] bits = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        bits[i] = Float.floatToRawIntBits(a[i]) & 0xffffffffL;
      }
      return bits;
    }
    if (storage instanceof float[][] rows) {
      return Stream.of(rows)
          .map(RestoreTests::bits)
          .flatMapToLong(java.util.Arrays::stream)
          .toArray();
    }
    if (storage instanceof FloatBuffer b) {
      // Every element of the backing array, padding included, minus the padding at the ends.
      float[] all = b.array();
      long[] bits = new long[b.remaining()];
      for (int i = 0; i < bits.length; i++) {
        bits[i] = Float.floatToRawIntBits(all[b.position() + i]) & 0xffffffffL;
      }
      assertThat(all[0]).isZero();
      assertThat(all[all.length - 1]).isZero();
      return bits;
    }
    RealMatrix m = (RealMatrix) storage;
    long[] bits = new long[m.getRowDimension() * m.getColumnDimension()];
    for (int r = 0; r < m.getRowDimension(); r++) {
      for (int col = 0; col < m.getColumnDimension(); col++) {
        bits[r * m.getColumnDimension() + col] = Double.doubleToRawLongBits(m.getEntry(r, col));
      }
    }
    return bits;
  }
}
