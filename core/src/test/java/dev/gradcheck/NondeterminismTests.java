package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A forward that is not a function of its parameters is named as such, not read as noise that
 * widens every tolerance until a wrong entry passes.
 */
class NondeterminismTests {

  /**
   * {@code Σ sin(w)}, plus 1e-6 on every {@code period}-th call, with one entry of the gradient 1%
   * wrong: the glitch used to pass as noise on 10 of 10 seeds.
   */
  @ParameterizedTest(name = "every {0}th call")
  @ValueSource(ints = {2, 3, 5, 7, 10})
  void aForwardThatGlitchesPeriodicallyIsNondeterministic(int period) {
    for (long seed = 0; seed < 10; seed++) {
      double[] w = {0.3, -0.8, 1.1, 0.5};
      double[] dw = new double[4];
      int[] calls = {0};
      CheckResult result =
          GradientCheck.create()
              .seed(seed)
              .param("w", w, dw)
              .loss(
                  () -> {
                    double s = 0;
                    for (double v : w) {
                      s += Math.sin(v);
                    }
                    return s + (++calls[0] % period == 0 ? 1e-6 : 0);
                  })
              .backward(
                  () -> {
                    for (int i = 0; i < 4; i++) {
                      dw[i] = Math.cos(w[i]);
                    }
                    dw[2] *= 1.01;
                  })
              .run();

      assertThat(result.outcome()).as("seed %d", seed).isEqualTo(Outcome.CONTRACT_BROKEN);
      assertThat(result.violations())
          .as("seed %d", seed)
          .hasAtLeastOneElementOfType(ContractViolation.NondeterministicForward.class);
    }
  }

  /**
   * Dropout whose masks are drawn afresh on every call (a generator not reset from the check's
   * seed), rate 0.1 over 16 units, with one gradient entry 1% wrong: 150 of 150 runs are named
   * nondeterministic. (Ten masks all equal has probability (0.9^10 + 0.1^10)^16 = 5e-8 here.)
   */
  @Test
  void unseededDropoutIsNamedOnEveryRun() {
    Random masks = new Random(12345);
    int named = 0;
    for (long run = 0; run < 150; run++) {
      double[] x = new double[16];
      for (int i = 0; i < x.length; i++) {
        x[i] = 0.1 * i - 0.7;
      }
      double[] dx = new double[16];
      boolean[] kept = new boolean[16];
      CheckResult result =
          GradientCheck.create()
              .seed(run)
              .param("x", x, dx)
              .loss(
                  () -> {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                      kept[i] = masks.nextDouble() >= 0.1;
                      s += kept[i] ? Math.sin(x[i]) / 0.9 : 0;
                    }
                    return s;
                  })
              .backward(
                  () -> {
                    for (int i = 0; i < x.length; i++) {
                      dx[i] = kept[i] ? Math.cos(x[i]) / 0.9 : 0;
                    }
                    dx[3] *= 1.01;
                  })
              .run();
      if (result.violations().stream()
          .anyMatch(ContractViolation.NondeterministicForward.class::isInstance)) {
        named++;
      }
    }
    assertThat(named).isEqualTo(150);
  }

  /**
   * Real, deterministic noise (an inner solver stopping at a tolerance, modelled by a hash of the
   * point): not nondeterminism, but the message says how far above rounding it is and how much it
   * widened the tolerances.
   */
  @Test
  void realNoiseIsSaidWithHowMuchItWidenedTheTolerance() {
    double[] w = {0.3, -0.8, 1.1};
    double[] dw = new double[3];
    CheckResult result =
        GradientCheck.create()
            .seed(3)
            .param("w", w, dw)
            .loss(
                () -> {
                  double s = 0;
                  long h = 17;
                  for (double v : w) {
                    s += Math.sin(v);
                    h = h * 31 + Double.doubleToLongBits(v);
                  }
                  h ^= h >>> 29;
                  h *= 0x9E3779B97F4A7C15L;
                  return s + 1e-11 * ((h >>> 11) * 0x1.0p-53 - 0.5);
                })
            .backward(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    dw[i] = Math.cos(w[i]);
                  }
                })
            .run();

    assertThat(result.violations()).isEmpty();
    String noise =
        Report.text(result).lines().filter(l -> l.startsWith("noise")).findFirst().orElseThrow();
    assertThat(noise)
        .contains("× the rounding of the value")
        .contains("which widens every entry's tolerance: passes verified to a median");
  }
}
