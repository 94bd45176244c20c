package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * In float, the refinement ladder's largest steps (up to 1/8 for entries below 1) reach kinks of
 * other units 0.05 to 0.12 away. Steps that cross a kink are no evidence: an entry must not fail on
 * them.
 */
class NearbyKinkTests {

  /** A float ReLU layer {@code Σ_b Σ_j v_j relu(W_j · x_b)}, one entry of its gradient scaled. */
  private static CheckResult reluLayer(int seed, double wrongBy) {
    Random r = new Random(seed);
    int in = 4;
    int hidden = 6;
    int batch = 5;
    float[] w = new float[hidden * in];
    float[] dw = new float[hidden * in];
    float[] x = new float[batch * in];
    float[] v = new float[hidden];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int j = 0; j < hidden; j++) {
      v[j] = (float) r.nextGaussian();
    }
    int target = r.nextInt(w.length);
    return GradientCheck.create()
        .seed(seed)
        .param("W", w, dw, hidden, in)
        .loss(
            () -> {
              float s = 0;
              for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                  s += v[j] * Math.max(0f, preActivation(w, x, b, j, in));
                }
              }
              return s;
            })
        .backward(
            () -> {
              Arrays.fill(dw, 0f);
              for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                  if (preActivation(w, x, b, j, in) > 0) {
                    for (int i = 0; i < in; i++) {
                      dw[j * in + i] += v[j] * x[b * in + i];
                    }
                  }
                }
              }
              dw[target] *= (float) (1 + wrongBy);
            })
        .run();
  }

  private static float preActivation(float[] w, float[] x, int b, int j, int in) {
    float z = 0;
    for (int i = 0; i < in; i++) {
      z += w[j * in + i] * x[b * in + i];
    }
    return z;
  }

  /**
   * Before: 10 of these 500 seeds failed a correct entry; then 1 (seed 212: a kink 0.111 away,
   * crossed by the two largest steps, whose jump 82 times the rounding slipped under a bound that
   * allowed 90). None does now; the test prints which, and fails if any does.
   */
  @Test
  void aCorrectFloatReluLayerAlmostNeverFailsOnStepsThatCrossAKink() {
    java.util.List<Integer> failing = new java.util.ArrayList<>();
    for (int seed = 0; seed < 500; seed++) {
      if (reluLayer(seed, 0).count(Verdict.FAIL) > 0) {
        failing.add(seed);
      }
    }
    System.out.printf(
        "float ReLU layer, correct gradient: %d of 500 seeds fail %s%n", failing.size(), failing);
    assertThat(failing).isEmpty();
  }

  @Test
  void aFivePercentErrorInTheLayerIsStillCaught() {
    int caught = 0;
    for (int seed = 0; seed < 500; seed++) {
      if (reluLayer(seed, 0.05).count(Verdict.FAIL) > 0) {
        caught++;
      }
    }
    System.out.printf("float ReLU layer, one entry 5%% wrong: caught in %d of 500 seeds%n", caught);
    assertThat(caught).isGreaterThanOrEqualTo(480);
  }
}
