package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * Fault injection: for every storage kind, a forward, a backward or a custom storage that throws
 * (or a thread interrupted) at its k-th call, for every k over a small check, then every bit of
 * every parameter compared with what it held before. The parameters hold -0.0, subnormals and NaNs
 * with payloads, quiet and signalling, which any write of a value read through {@code double}
 * arithmetic or a float-double round trip would change.
 */
class FaultInjectionTests {

  private static final double[] DOUBLES = {
    -0.0,
    Double.MIN_VALUE,
    0.75,
    Double.longBitsToDouble(0x7ff8000000000123L), // quiet NaN with a payload
    Double.longBitsToDouble(0x7ff0000000000abcL), // signalling NaN
    -1.25,
    2.5e-310, // subnormal
    0.5
  };

  private static final float[] FLOATS = {
    -0.0f,
    Float.MIN_VALUE,
    0.75f,
    Float.intBitsToFloat(0x7fc00123), // quiet NaN with a payload
    Float.intBitsToFloat(0x7f800abc), // signalling NaN
    -1.25f,
    1e-40f, // subnormal
    0.5f
  };

  /** The second parameter of every check, a plain array restored whatever the first one does. */
  private static final double[] OTHER = {0.3, -0.6, -0.0};

  /**
   * A storage kind: a fresh parameter holding the odd values, and a gradient for it.
   *
   * @param name the kind
   * @param values a fresh parameter
   * @param gradient a fresh gradient of the same shape
   */
  record Kind(String name, Supplier<Object> values, Function<Object, Object> gradient) {}

  private static double[][] rows(double[] flat) {
    return new double[][] {Arrays.copyOfRange(flat, 0, 4), Arrays.copyOfRange(flat, 4, 8)};
  }

  private static float[][] rows(float[] flat) {
    return new float[][] {Arrays.copyOfRange(flat, 0, 4), Arrays.copyOfRange(flat, 4, 8)};
  }

  private static DoubleBuffer directDoubles() {
    DoubleBuffer b =
        ByteBuffer.allocateDirect(8 * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    b.put(0, DOUBLES);
    return b;
  }

  private static FloatBuffer directFloats() {
    FloatBuffer b =
        ByteBuffer.allocateDirect(8 * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    b.put(0, FLOATS);
    return b;
  }

  static List<Kind> kinds() {
    return List.of(
        new Kind("double[]", DOUBLES::clone, v -> new double[8]),
        new Kind("float[]", FLOATS::clone, v -> new float[8]),
        new Kind("double[][]", () -> rows(DOUBLES), v -> new double[2][4]),
        new Kind("float[][]", () -> rows(FLOATS), v -> new float[2][4]),
        new Kind(
            "RealMatrix",
            () -> new Array2DRowRealMatrix(rows(DOUBLES)),
            v -> new Array2DRowRealMatrix(2, 4)),
        new Kind("RealVector", () -> new ArrayRealVector(DOUBLES), v -> new ArrayRealVector(8)),
        new Kind("DoubleBuffer", () -> DoubleBuffer.wrap(DOUBLES.clone()), v -> new double[8]),
        new Kind("FloatBuffer", () -> FloatBuffer.wrap(FLOATS.clone()), v -> new float[8]),
        new Kind("direct DoubleBuffer", FaultInjectionTests::directDoubles, v -> new double[8]),
        new Kind("direct FloatBuffer", FaultInjectionTests::directFloats, v -> new float[8]),
        new Kind("Storage (double)", () -> new Faulty(DOUBLES.clone(), null), v -> new double[8]),
        new Kind("Storage (float)", () -> new Faulty(null, FLOATS.clone()), v -> new float[8]));
  }

  /**
   * A custom storage over a double or float array that throws at a get or set: its k-th call
   * ({@code byCall}), or its first call once the forward has started its k-th evaluation; then at
   * every call if {@code persistent}.
   */
  static final class Faulty implements Storage {
    final double[] doubles;
    final float[] floats;
    String failing = "";
    int at;
    boolean persistent;
    boolean byCall;
    java.util.function.IntSupplier evaluations = () -> 0;
    boolean failed;
    int gets;
    int sets;

    Faulty(double[] doubles, float[] floats) {
      this.doubles = doubles;
      this.floats = floats;
    }

    private void maybeFail(String op, int calls) {
      if (!failing.equals(op) || failed && !persistent) {
        return;
      }
      boolean due = byCall ? calls >= at : evaluations.getAsInt() >= at;
      if (due) {
        failed = true;
        throw new IllegalStateException(op + " " + calls + " failed");
      }
    }

    @Override
    public int[] shape() {
      return new int[] {8};
    }

    @Override
    public double get(int index) {
      maybeFail("get", ++gets);
      return doubles != null ? doubles[index] : floats[index];
    }

    @Override
    public void set(int index, double value) {
      maybeFail("set", ++sets);
      if (doubles != null) {
        doubles[index] = value;
      } else {
        floats[index] = (float) value;
      }
    }

    @Override
    public Precision precision() {
      return doubles != null ? Precision.DOUBLE : Precision.FLOAT;
    }
  }

  /** The raw bits of every entry, row-major. */
  static long[] bits(Object storage) {
    List<Long> bits = new ArrayList<>();
    collect(storage, bits);
    return bits.stream().mapToLong(Long::longValue).toArray();
  }

  private static void collect(Object storage, List<Long> out) {
    if (storage instanceof double[] a) {
      for (double x : a) {
        out.add(Double.doubleToRawLongBits(x));
      }
    } else if (storage instanceof float[] a) {
      for (float x : a) {
        out.add((long) Float.floatToRawIntBits(x));
      }
    } else if (storage instanceof Object[] rows) {
      for (Object row : rows) {
        collect(row, out);
      }
    } else if (storage instanceof RealMatrix m) {
      for (double[] row : ((Array2DRowRealMatrix) m).getDataRef()) {
        collect(row, out);
      }
    } else if (storage instanceof RealVector v) {
      collect(((ArrayRealVector) v).getDataRef(), out);
    } else if (storage instanceof DoubleBuffer b) {
      for (int i = b.position(); i < b.limit(); i++) {
        out.add(Double.doubleToRawLongBits(b.get(i)));
      }
    } else if (storage instanceof FloatBuffer b) {
      for (int i = b.position(); i < b.limit(); i++) {
        out.add((long) Float.floatToRawIntBits(b.get(i)));
      }
    } else {
      Faulty f = (Faulty) storage;
      collect(f.doubles != null ? f.doubles : f.floats, out);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  /** The throwable of the k-th fault: a runtime exception, an error, a checked one, a VM error. */
  private static Throwable failure(int k) {
    return switch (k % 4) {
      case 0 -> new IllegalStateException("fault " + k);
      case 1 -> new AssertionError("fault " + k);
      case 2 -> new IOException("fault " + k);
      default -> new StackOverflowError("fault " + k);
    };
  }

  /**
   * Where a fault is injected, at which call (of the forward, the backward, or for a storage at the
   * k-th evaluation or, {@code byCall}, its own k-th call), and whether it persists after that.
   */
  record Fault(String where, int at, boolean persistent, boolean byCall) {
    Fault(String where, int at, boolean persistent) {
      this(where, at, persistent, false);
    }
  }

  /** What one run did. */
  record Run(Throwable thrown, int evaluations, int backwards) {}

  private static Run run(Object w, Object dw, double[] b, Fault fault, CheckMode mode) {
    double[] db = new double[b.length];
    int[] calls = new int[2];
    if (w instanceof Faulty f) {
      f.evaluations = () -> calls[0];
    }
    boolean wrong = fault.at() % 2 == 1; // odd k: a failing check, which also traces a curve
    Throwable thrown =
        catchThrowable(
            () ->
                GradientCheck.create()
                    .seed(fault.at())
                    .mode(mode)
                    .minCoverage(0)
                    .param("w", w, dw)
                    .param("b", b, db)
                    .loss(
                        () -> {
                          int k = ++calls[0];
                          if (fault.where().equals("interrupt") && k == fault.at()) {
                            Thread.currentThread().interrupt();
                          }
                          if (fault.where().equals("forward")
                              && (k == fault.at() || fault.persistent() && k > fault.at())) {
                            throw sneakyThrow(failure(k));
                          }
                          return loss(values(w)) + loss(b);
                        })
                    .backward(
                        () -> {
                          int k = ++calls[1];
                          if (fault.where().equals("backward") && k == fault.at()) {
                            throw sneakyThrow(failure(k));
                          }
                          double[] g = gradient(values(w));
                          if (wrong) {
                            g[2] *= 1.5;
                          }
                          Flat.write(dw, g);
                          System.arraycopy(gradient(b), 0, db, 0, b.length);
                        })
                    .run());
    Thread.interrupted(); // clear an injected interrupt for the next run
    return new Run(thrown, calls[0], calls[1]);
  }

  /** The model's own view of its parameter: a custom storage's array, not through its get. */
  private static double[] values(Object w) {
    if (w instanceof Faulty f) {
      return f.doubles != null ? f.doubles.clone() : Flat.read(f.floats);
    }
    return Flat.read(w);
  }

  /** {@code Σ (k+1)/2 · x_k² + sin(x_k)} over the finite entries. */
  private static double loss(double[] x) {
    double sum = 0;
    for (int k = 0; k < x.length; k++) {
      if (Double.isFinite(x[k])) {
        sum += 0.5 * (k + 1) * x[k] * x[k] + Math.sin(x[k]);
      }
    }
    return sum;
  }

  private static double[] gradient(double[] x) {
    double[] g = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      g[k] = Double.isFinite(x[k]) ? (k + 1) * x[k] + Math.cos(x[k]) : 0;
    }
    return g;
  }

  private final java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
  private long runs;
  private long bitsCompared;

  /** Runs one faulty check and compares every bit of both parameters; returns what it did. */
  private Run check(Kind kind, Fault fault, CheckMode mode) {
    Object w = kind.values().get();
    if (w instanceof Faulty f && !fault.where().equals("forward")) {
      f.failing = fault.where();
      f.at = fault.at();
      f.persistent = fault.persistent();
      f.byCall = fault.byCall();
    }
    Object dw = kind.gradient().apply(w);
    double[] b = OTHER.clone();
    long[] before = bits(w);
    long[] otherBefore = bits(b);
    boolean isFloat = kind.name().contains("float") || kind.name().contains("Float");
    assertThat(before[4])
        .as("the signalling NaN is in the %s before the check", kind.name())
        .isEqualTo(isFloat ? 0x7f800abcL : 0x7ff0000000000abcL);

    Run run = run(w, dw, b, fault, mode);

    String what = kind.name() + ", " + fault + ", " + mode;
    runs++;
    // A storage that cannot be read when the check is declared is rejected there.
    boolean atDeclaration =
        fault.where().equals("get") && run.evaluations() == 0 && run.thrown() != null;
    if (run.thrown() != null
        && !(run.thrown() instanceof GradientCheckException)
        && !(run.thrown() instanceof StackOverflowError)
        && !(atDeclaration && run.thrown() instanceof IllegalArgumentException)) {
      throw new AssertionError(what + ": unexpected " + run.thrown(), run.thrown());
    }
    outcomes.merge(
        run.thrown() == null ? "returned a result" : run.thrown().getClass().getSimpleName(),
        1,
        Integer::sum);
    if (w instanceof Faulty f && f.failed && run.thrown() instanceof GradientCheckException e) {
      assertThat(e.getCause()).as(what).isInstanceOf(IllegalStateException.class);
      assertThat(e.getMessage()).as(what).contains("parameter 'w'").contains("Storage");
    }
    assertThat(bits(b)).as("the other parameter, " + what).containsExactly(otherBefore);
    bitsCompared += 64L * b.length;
    boolean restorable = !(fault.persistent() && fault.where().equals("set"));
    if (restorable) {
      assertThat(bits(w)).as(what).containsExactly(before);
      bitsCompared += (isFloat ? 32L : 64L) * before.length;
    } else if (run.thrown() != null) {
      long[] after = bits(w);
      for (int i = 0; i < after.length; i++) {
        if (after[i] != before[i]) {
          assertThat(run.thrown().getMessage())
              .as("names w[%d], %s", i, what)
              .contains("could not restore")
              .contains("w[" + i + "]");
        }
      }
    }
    if (fault.where().equals("interrupt") && run.evaluations() >= fault.at()) {
      assertThat(run.thrown()).as(what).isInstanceOf(GradientCheckException.class);
      assertThat(run.thrown().getMessage()).as(what).contains("interrupted");
      assertThat(run.evaluations()).as("stopped at once, " + what).isEqualTo(fault.at());
    }
    return run;
  }

  @Test
  void everyBitOfEveryParameterSurvivesAFaultAtEveryCall() {
    long start = System.nanoTime();
    List<Kind> kinds = kinds();
    for (Kind kind : kinds) {
      for (CheckMode mode : new CheckMode[] {CheckMode.EXHAUSTIVE, CheckMode.DIRECTIONAL}) {
        Run clean = check(kind, new Fault("none", 0, false), mode);
        assertThat(clean.thrown()).as(kind.name()).isNull();
        int evaluations = clean.evaluations();
        for (int k = 1; k <= evaluations + 1; k++) {
          check(kind, new Fault("forward", k, false), mode);
          check(kind, new Fault("forward", k, true), mode);
          check(kind, new Fault("interrupt", k, false), mode);
        }
        for (int k = 1; k <= clean.backwards() + 1; k++) {
          check(kind, new Fault("backward", k, false), mode);
        }
        Object probe = kind.values().get();
        if (probe instanceof Faulty) {
          Faulty counted = (Faulty) probe;
          run(
              counted,
              kind.gradient().apply(counted),
              OTHER.clone(),
              new Fault("none", 0, false),
              mode);
          for (String op : new String[] {"get", "set"}) {
            for (int k = 0; k <= evaluations + 1; k++) {
              check(kind, new Fault(op, k, false), mode);
              check(kind, new Fault(op, k, true), mode);
            }
            // And at each of its first calls: the declaration, the snapshot, the contracts.
            int calls = Math.min(op.equals("get") ? counted.gets : counted.sets, 64);
            for (int k = 1; k <= calls; k++) {
              check(kind, new Fault(op, k, false, true), mode);
              check(kind, new Fault(op, k, true, true), mode);
            }
          }
        }
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "fault injection: %d runs over %d storage kinds, %d bits compared, in %d ms; outcomes %s%n",
        runs, kinds.size(), bitsCompared, millis, outcomes);
    assertThat(millis).as("well under 30 s").isLessThan(20_000);
  }
}
