package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
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

  /**
   * A float two-layer ReLU MLP with a mean squared error and weight decay, every parameter and the
   * input declared. For seed 1076 one hidden unit's pre-activation is -0.0007: W1[2][2]'s largest
   * steps cross its kink and agree with each other (4.5562), the steps from h down give the exact
   * 4.5508, and in float the finest steps' rounding is wide enough to agree with either. The
   * estimate from the large steps failed a correct gradient (red team, 8 of 1,800 draws); the steps
   * from h down must now agree with it too. Still open: seed 1128, where even the steps from h down
   * carry float rounding wide enough to agree with the large steps (2 of these 300 before, 1 now).
   */
  @Test
  void largeStepsAcrossAnotherUnitsKinkMustAgreeWithTheStepsFromHDown() {
    int draws = 300;
    List<Long> failing = new java.util.ArrayList<>();
    for (long seed = 1000; seed < 1000 + draws; seed++) {
      if (mlp(seed).count(Verdict.FAIL) > 0) {
        failing.add(seed);
      }
    }
    System.out.printf(
        "float ReLU MLP, correct gradient: %d of %d seeds fail %s%n",
        failing.size(), draws, failing);
    assertThat(failing).doesNotContain(1076L).hasSizeLessThanOrEqualTo(1);
  }

  private static CheckResult mlp(long seed) {
    int batch = 3;
    int in = 4;
    int hidden = 4;
    int out = 2;
    float decay = 1e-2f;
    Random r = new Random(seed);
    float[] x = gaussian(r, batch * in, 1);
    float[] w1 = gaussian(r, hidden * in, 0.7);
    float[] b1 = gaussian(r, hidden, 0.3);
    float[] w2 = gaussian(r, out * hidden, 0.7);
    float[] b2 = gaussian(r, out, 0.3);
    float[] t = gaussian(r, batch * out, 1);
    float[] dx = new float[x.length];
    float[] dw1 = new float[w1.length];
    float[] db1 = new float[b1.length];
    float[] dw2 = new float[w2.length];
    float[] db2 = new float[b2.length];
    return GradientCheck.create()
        .seed(seed)
        .param("W1", w1, dw1, hidden, in)
        .param("b1", b1, db1)
        .param("W2", w2, dw2, out, hidden)
        .param("b2", b2, db2)
        .param("x", x, dx, batch, in)
        .loss(
            () -> {
              float loss = 0;
              for (int b = 0; b < batch; b++) {
                float[] h = new float[hidden];
                for (int j = 0; j < hidden; j++) {
                  float a = b1[j];
                  for (int k = 0; k < in; k++) {
                    a += w1[j * in + k] * x[b * in + k];
                  }
                  h[j] = Math.max(a, 0f);
                }
                for (int o = 0; o < out; o++) {
                  float z = b2[o];
                  for (int j = 0; j < hidden; j++) {
                    z += w2[o * hidden + j] * h[j];
                  }
                  float e = z - t[b * out + o];
                  loss += e * e;
                }
              }
              loss /= batch * out;
              float penalty = 0;
              for (float w : w1) {
                penalty += w * w;
              }
              for (float w : w2) {
                penalty += w * w;
              }
              return loss + decay * penalty;
            })
        .backward(
            () -> {
              java.util.Arrays.fill(dw1, 0);
              java.util.Arrays.fill(db1, 0);
              java.util.Arrays.fill(dw2, 0);
              java.util.Arrays.fill(db2, 0);
              for (int b = 0; b < batch; b++) {
                float[] a = new float[hidden];
                float[] h = new float[hidden];
                for (int j = 0; j < hidden; j++) {
                  a[j] = b1[j];
                  for (int k = 0; k < in; k++) {
                    a[j] += w1[j * in + k] * x[b * in + k];
                  }
                  h[j] = Math.max(a[j], 0f);
                }
                float[] dz = new float[out];
                for (int o = 0; o < out; o++) {
                  float z = b2[o];
                  for (int j = 0; j < hidden; j++) {
                    z += w2[o * hidden + j] * h[j];
                  }
                  dz[o] = 2 * (z - t[b * out + o]) / (batch * out);
                  db2[o] += dz[o];
                }
                float[] da = new float[hidden];
                for (int o = 0; o < out; o++) {
                  for (int j = 0; j < hidden; j++) {
                    dw2[o * hidden + j] += dz[o] * h[j];
                  }
                }
                for (int j = 0; j < hidden; j++) {
                  float dh = 0;
                  for (int o = 0; o < out; o++) {
                    dh += dz[o] * w2[o * hidden + j];
                  }
                  da[j] = a[j] > 0 ? dh : 0;
                  db1[j] += da[j];
                  for (int k = 0; k < in; k++) {
                    dw1[j * in + k] += da[j] * x[b * in + k];
                  }
                }
                for (int k = 0; k < in; k++) {
                  float sum = 0;
                  for (int j = 0; j < hidden; j++) {
                    sum += da[j] * w1[j * in + k];
                  }
                  dx[b * in + k] = sum;
                }
              }
              for (int i = 0; i < w1.length; i++) {
                dw1[i] += 2 * decay * w1[i];
              }
              for (int i = 0; i < w2.length; i++) {
                dw2[i] += 2 * decay * w2[i];
              }
            })
        .run();
  }

  private static float[] gaussian(Random r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (scale * r.nextGaussian());
    }
    return a;
  }
}
