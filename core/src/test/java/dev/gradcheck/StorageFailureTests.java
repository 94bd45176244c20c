package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A custom {@link Storage} that throws, or that cannot hold every bit of what it is given, never
 * costs the user data: one failing restore does not stop the others, what could not be restored is
 * named, and an entry the check did not perturb is never written.
 */
class StorageFailureTests {

  /**
   * A double storage over an array whose {@code set} throws from its {@code failFrom}-th call on.
   */
  static final class Closing implements Storage {
    final double[] data;
    final int failFrom;
    final List<RuntimeException> thrown = new ArrayList<>();
    int sets;

    Closing(double[] data, int failFrom) {
      this.data = data;
      this.failFrom = failFrom;
    }

    @Override
    public int[] shape() {
      return new int[] {data.length};
    }

    @Override
    public double get(int index) {
      return data[index];
    }

    @Override
    public void set(int index, double value) {
      if (++sets >= failFrom) {
        RuntimeException e = new IllegalStateException("storage closed");
        thrown.add(e);
        throw e;
      }
      data[index] = value;
    }
  }

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  private static GradientCheck check(Closing a, double[] b) {
    double[] da = new double[a.data.length];
    double[] db = new double[b.length];
    return GradientCheck.create()
        .seed(5)
        .param("a", a, da)
        .param("b", b, db)
        // A kink at b[0] = 0.3 with a wrong subgradient: the check samples derivatives around it,
        // moving every entry of every parameter at once, then restores them all.
        .loss(() -> SmoothLoss.value(a.data) + SmoothLoss.value(b) + Math.max(b[0], 0.3))
        .backward(
            () -> {
              System.arraycopy(SmoothLoss.gradient(a.data), 0, da, 0, da.length);
              System.arraycopy(SmoothLoss.gradient(b), 0, db, 0, db.length);
              db[0] += b[0] >= 0.3 ? 2 : 0; // outside the one-sided derivatives (1 and 0)
            });
  }

  @Test
  void aStorageThatStopsAcceptingWritesDoesNotStopTheOtherRestores() {
    Closing unlimited = new Closing(new double[] {0.3, -0.7}, Integer.MAX_VALUE);
    check(unlimited, new double[] {0.3, 0.6}).run();
    int total = unlimited.sets;
    assertThat(total).as("sets of a whole check").isGreaterThan(10);

    int failed = 0;
    boolean shown = false;
    for (int failFrom = 1; failFrom <= total; failFrom++) {
      double[] b = {0.3, 0.6};
      long[] bBefore = bits(b);
      double[] aValues = {0.3, -0.7};
      long[] aBefore = bits(aValues);
      Closing a = new Closing(aValues, failFrom);

      Throwable e = catchThrowable(() -> check(a, b).run());

      String at = "closing at set " + failFrom + " of " + total;
      assertThat(bits(b)).as("b restored, " + at).containsExactly(bBefore);
      if (a.thrown.isEmpty()) {
        assertThat(e).as(at).isNull();
        continue;
      }
      failed++;
      assertThat(e).as(at).isInstanceOf(GradientCheckException.class);
      assertThat(e.getCause()).as("the user's first exception, " + at).isSameAs(a.thrown.get(0));
      assertThat(e.getSuppressed())
          .as("the later ones, " + at)
          .containsAll(a.thrown.subList(1, a.thrown.size()));
      assertThat(e.getMessage())
          .as(at)
          .contains("parameter 'a'")
          .contains("storage closed")
          .contains("IllegalStateException");
      if (!shown && e.getMessage().contains("could not restore")) {
        System.out.println("restore failure: " + e.getMessage());
        shown = true;
      }
      long[] aAfter = bits(a.data);
      for (int i = 0; i < aAfter.length; i++) {
        if (aAfter[i] != aBefore[i]) {
          assertThat(e.getMessage())
              .as("names the entry left perturbed, " + at)
              .contains("could not restore")
              .contains("a[" + i + "]");
        }
      }
    }
    assertThat(failed).isPositive();
  }

  @Test
  void aStorageThatFailsOnceIsRestoredAndTheFailureNamesTheEntry() {
    double[] b = {0.3, 0.6};
    long[] bBefore = bits(b);
    double[] values = {0.3, -0.7};
    long[] before = bits(values);
    int[] sets = {0};
    RuntimeException failure = new IllegalStateException("disk hiccup");
    Storage flaky =
        new Storage() {
          @Override
          public int[] shape() {
            return new int[] {2};
          }

          @Override
          public double get(int index) {
            return values[index];
          }

          @Override
          public void set(int index, double value) {
            if (++sets[0] == 3) {
              throw failure;
            }
            values[index] = value;
          }
        };
    double[] da = new double[2];
    double[] db = new double[2];

    Throwable e =
        catchThrowable(
            () ->
                GradientCheck.create()
                    .param("a", flaky, da)
                    .param("b", b, db)
                    .loss(() -> SmoothLoss.value(values) + SmoothLoss.value(b))
                    .backward(
                        () -> {
                          System.arraycopy(SmoothLoss.gradient(values), 0, da, 0, 2);
                          System.arraycopy(SmoothLoss.gradient(b), 0, db, 0, 2);
                        })
                    .run());

    assertThat(e).isInstanceOf(GradientCheckException.class);
    assertThat(e.getCause()).isSameAs(failure);
    assertThat(e.getMessage())
        .contains("parameter 'a'")
        .containsPattern("set\\(\\d, ")
        .containsPattern("a\\[\\d\\]")
        .contains("disk hiccup")
        .doesNotContain("could not restore");
    assertThat(bits(values)).containsExactly(before);
    assertThat(bits(b)).containsExactly(bBefore);
  }

  /** A float storage over an array, read and written through double like most user adapters. */
  static final class FloatStorage implements Storage {
    final float[] data;
    final int[] writes;

    FloatStorage(float[] data) {
      this.data = data;
      this.writes = new int[data.length];
    }

    @Override
    public int[] shape() {
      return new int[] {data.length};
    }

    @Override
    public double get(int index) {
      return data[index];
    }

    @Override
    public void set(int index, double value) {
      writes[index]++;
      data[index] = (float) value;
    }

    @Override
    public Precision precision() {
      return Precision.FLOAT;
    }
  }

  private static final int SIGNALLING = 0x7f800abc;

  private static float[] oddFloats() {
    return new float[] {
      0.5f, Float.intBitsToFloat(SIGNALLING), -0.25f, -0.0f, Float.MIN_VALUE, 0.75f
    };
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  private static CheckResult runOnFloats(FloatStorage w, CheckMode mode, double error) {
    float[] dw = new float[w.data.length];
    return GradientCheck.create()
        .seed(3)
        .mode(mode)
        .minCoverage(0)
        .param("w", w, dw)
        .loss(
            () -> {
              double sum = 0;
              for (float x : w.data) {
                if (Float.isFinite(x)) {
                  sum += x * (double) x + x;
                }
              }
              return sum;
            })
        .backward(
            () -> {
              for (int i = 0; i < dw.length; i++) {
                dw[i] = Float.isFinite(w.data[i]) ? 2 * w.data[i] + 1 : 0;
              }
              dw[0] += (float) error;
            })
        .run();
  }

  @Test
  void aSignallingNanInAFloatStorageKeepsItsBitsThroughAPassingCheck() {
    FloatStorage w = new FloatStorage(oddFloats());
    int[] before = bits(w.data);
    assertThat(before[1]).isEqualTo(SIGNALLING);

    CheckResult result = runOnFloats(w, CheckMode.EXHAUSTIVE, 0);

    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(bits(w.data)).containsExactly(before);
    assertThat(w.writes[1]).as("writes to the NaN entry, which is never perturbed").isZero();
  }

  @Test
  void aSignallingNanInAFloatStorageKeepsItsBitsWhenItIsDeclaredAfterADirectBuffer() {
    // Sharing with a direct buffer is probed by writing one of the two: the buffer, never the
    // custom storage, whose signalling NaN a write through double would quieten.
    java.nio.FloatBuffer direct =
        java.nio.ByteBuffer.allocateDirect(8)
            .order(java.nio.ByteOrder.nativeOrder())
            .asFloatBuffer();
    direct.put(0, 0.5f).put(1, -0.25f);
    FloatStorage w = new FloatStorage(oddFloats());
    int[] before = bits(w.data);

    GradientCheck.create().param("d", direct, new float[2]).param("w", w, new float[w.data.length]);

    assertThat(bits(w.data)).containsExactly(before);
    assertThat(w.writes).containsOnly(0);
    assertThat(direct.get(0)).isEqualTo(0.5f);
    assertThat(direct.get(1)).isEqualTo(-0.25f);
  }

  @Test
  void aSignallingNanInAFloatStorageKeepsItsBitsThroughAFailingDirectionalCheck() {
    FloatStorage w = new FloatStorage(oddFloats());
    int[] before = bits(w.data);

    CheckResult result = runOnFloats(w, CheckMode.DIRECTIONAL, 0.5);

    assertThat(result.outcome()).as(Report.text(result)).isEqualTo(Outcome.FAILED);
    assertThat(bits(w.data)).containsExactly(before);
    assertThat(w.writes[1]).as("writes to the NaN entry").isZero();
  }
}
