package dev.gradcheck.junit;

import static dev.gradcheck.junit.GradCheckExtensionTests.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.GradientCheck;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * What JUnit's {@code @Timeout} does to a running check: the check stops after the evaluation under
 * way and restores the parameters, in the test's thread or in JUnit's separate one.
 */
class TimeoutTests {

  /** A slow loss over shared state, so the test can watch the check after JUnit moved on. */
  static final class SlowLoss {
    static final double[] W = new double[16];
    static final AtomicInteger EVALUATIONS = new AtomicInteger();

    static void reset() {
      for (int i = 0; i < W.length; i++) {
        W[i] = 0.1 * i - 0.55;
      }
      EVALUATIONS.set(0);
    }

    static void declare(GradientCheck check) {
      double[] dw = new double[W.length];
      check
          .param("w", W, dw)
          .loss(
              () -> {
                EVALUATIONS.incrementAndGet();
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt(); // keep the status, as well-behaved code does
                }
                double s = 0;
                for (double v : W) {
                  s += Math.sin(v);
                }
                return s;
              })
          .backward(
              () -> {
                for (int i = 0; i < W.length; i++) {
                  dw[i] = Math.cos(W[i]);
                }
              });
    }
  }

  private static void assertRestored() {
    for (int i = 0; i < SlowLoss.W.length; i++) {
      assertThat(Double.doubleToRawLongBits(SlowLoss.W[i]))
          .isEqualTo(Double.doubleToRawLongBits(0.1 * i - 0.55));
    }
  }

  @Test
  void inTheSameThreadTheCheckStopsAndRestoresBeforeJUnitReports() {
    SlowLoss.reset();
    EngineExecutionResults results = run(SameThreadTestCase.class);

    results.testEvents().assertStatistics(s -> s.failed(1));
    Throwable failure = GradCheckExtensionTests.failureOf(results);
    assertThat(failure).isInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(failure.getSuppressed())
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessageContaining("the check was interrupted"));
    assertRestored();
    int stopped = SlowLoss.EVALUATIONS.get();
    assertThat(stopped).isLessThan(4 * 16);
  }

  @Test
  void inASeparateThreadTheCheckStopsSoonAfterAndRestores() throws InterruptedException {
    SlowLoss.reset();
    EngineExecutionResults results = run(SeparateThreadTestCase.class);

    results.testEvents().assertStatistics(s -> s.failed(1));
    // JUnit reported without waiting: give the abandoned check one evaluation to notice.
    Thread.sleep(100);
    int after = SlowLoss.EVALUATIONS.get();
    Thread.sleep(100);
    assertThat(SlowLoss.EVALUATIONS.get()).isEqualTo(after);
    assertRestored();
  }

  static class SameThreadTestCase {
    @Timeout(value = 150, unit = TimeUnit.MILLISECONDS)
    @GradCheck(seed = 1)
    void slow(GradientCheck check) {
      SlowLoss.declare(check);
    }
  }

  static class SeparateThreadTestCase {
    @Timeout(
        value = 150,
        unit = TimeUnit.MILLISECONDS,
        threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @GradCheck(seed = 1)
    void slow(GradientCheck check) {
      SlowLoss.declare(check);
    }
  }
}
