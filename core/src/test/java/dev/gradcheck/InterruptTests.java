package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Interrupting the thread that runs a check stops it as soon as the evaluation under way returns:
 * every parameter is restored, a {@link GradientCheckException} says the check was interrupted, and
 * the thread's interrupt status stays set.
 */
class InterruptTests {

  private static final double[] W = {0.5, -1.25, 0.75, -0.0, Double.MIN_VALUE};
  private static final float[] V = {0.25f, -0.5f, Float.intBitsToFloat(0x7f800abc)};

  /** What the checking thread saw. */
  record Seen(Throwable thrown, boolean interruptedAfter, int evaluations) {}

  /**
   * Runs a check in its own thread; its forward blocks at evaluation {@code k} until this thread
   * interrupts it, then returns normally, as a forward that does not look at interrupts does.
   */
  private static Seen interruptAt(int k, double[] w, float[] v, RealMatrix m) throws Exception {
    AtomicInteger evaluations = new AtomicInteger();
    CountDownLatch reached = new CountDownLatch(1);
    AtomicReference<Seen> seen = new AtomicReference<>();
    double[] dw = new double[w.length];
    float[] dv = new float[v.length];
    RealMatrix dm = new Array2DRowRealMatrix(m.getRowDimension(), m.getColumnDimension());
    Thread checker =
        new Thread(
            () -> {
              Throwable thrown = null;
              try {
                GradientCheck.create()
                    .seed(9)
                    .minCoverage(0)
                    .param("w", w, dw)
                    .param("v", v, dv)
                    .param("m", m, dm)
                    .loss(
                        () -> {
                          if (evaluations.incrementAndGet() == k) {
                            reached.countDown();
                            while (!Thread.currentThread().isInterrupted()) {
                              Thread.onSpinWait();
                            }
                          }
                          return loss(w, v, m);
                        })
                    .backward(() -> backward(w, v, m, dw, dv, dm))
                    .run();
              } catch (Throwable e) {
                thrown = e;
              }
              seen.set(new Seen(thrown, Thread.currentThread().isInterrupted(), evaluations.get()));
              reached.countDown(); // a check that ended before its k-th evaluation
            });
    checker.start();
    assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
    if (seen.get() != null) {
      checker.join(10_000);
      return null;
    }
    checker.interrupt();
    checker.join(10_000);
    assertThat(checker.isAlive()).isFalse();
    return seen.get();
  }

  private static double loss(double[] w, float[] v, RealMatrix m) {
    double sum = SmoothLoss.value(w);
    for (float x : v) {
      if (Float.isFinite(x)) {
        sum += x * (double) x;
      }
    }
    for (int r = 0; r < m.getRowDimension(); r++) {
      for (int c = 0; c < m.getColumnDimension(); c++) {
        double x = m.getEntry(r, c);
        sum += Double.isFinite(x) ? Math.sin(x) : 0;
      }
    }
    return sum;
  }

  private static void backward(
      double[] w, float[] v, RealMatrix m, double[] dw, float[] dv, RealMatrix dm) {
    System.arraycopy(SmoothLoss.gradient(w), 0, dw, 0, w.length);
    for (int i = 0; i < v.length; i++) {
      dv[i] = Float.isFinite(v[i]) ? 2 * v[i] : 0;
    }
    for (int r = 0; r < m.getRowDimension(); r++) {
      for (int c = 0; c < m.getColumnDimension(); c++) {
        double x = m.getEntry(r, c);
        dm.setEntry(r, c, Double.isFinite(x) ? Math.cos(x) : 0);
      }
    }
  }

  private static long[] bits(double[] w, float[] v, RealMatrix m) {
    long[] bits = new long[w.length + v.length + 4];
    int at = 0;
    for (double x : w) {
      bits[at++] = Double.doubleToRawLongBits(x);
    }
    for (float x : v) {
      bits[at++] = Float.floatToRawIntBits(x);
    }
    for (double[] row : m.getData()) {
      for (double x : row) {
        bits[at++] = Double.doubleToRawLongBits(x);
      }
    }
    return bits;
  }

  private static RealMatrix matrix() {
    return new Array2DRowRealMatrix(new double[][] {{0.1, -0.0}, {Double.NaN, 2}});
  }

  @Test
  void anInterruptStopsTheCheckWithinOneEvaluationAndRestoresEveryBit() throws Exception {
    long[] declared = bits(W, V, matrix());
    int total = 0;
    for (int k = 1; ; k += k < 40 ? 1 : 7) {
      double[] w = W.clone();
      float[] v = V.clone();
      RealMatrix m = matrix();

      Seen seen = interruptAt(k, w, v, m);

      if (seen == null) {
        break; // the check ended before its k-th evaluation
      }
      total++;
      assertThat(seen.thrown()).as("at evaluation " + k).isInstanceOf(GradientCheckException.class);
      assertThat(seen.thrown().getMessage())
          .as("at evaluation " + k)
          .contains("interrupted")
          .contains("after " + k + " evaluation");
      assertThat(seen.evaluations()).as("stopped within one evaluation").isEqualTo(k);
      assertThat(seen.interruptedAfter()).as("interrupt status kept").isTrue();
      assertThat(bits(w, v, m)).as("at evaluation " + k).containsExactly(declared);
      if (k == 1) {
        System.out.println("interrupt: " + seen.thrown().getMessage());
      }
    }
    assertThat(total).isGreaterThan(40);
  }

  @Test
  void aForwardThatThrowsInterruptedExceptionCountsAsAnInterrupt() {
    double[] w = W.clone();
    double[] dw = new double[w.length];
    Throwable e =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                GradientCheck.create()
                    .param("w", w, dw)
                    .loss(
                        () -> {
                          throw UserThrowableTests.sneakyThrow(new InterruptedException("sleep"));
                        })
                    .backward(() -> {})
                    .run());
    boolean interrupted = Thread.interrupted(); // clears it for the next tests
    assertThat(e).isInstanceOf(GradientCheckException.class);
    assertThat(e.getMessage()).contains("interrupted");
    assertThat(interrupted).as("interrupt status set again").isTrue();
    assertThat(Arrays.equals(w, W)).isTrue();
  }
}
