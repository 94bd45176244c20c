package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A two-layer perceptron 4 → 4 → 2 with a tanh or ReLU hidden layer, mean squared error over a
 * batch of 3 plus weight decay 1e-2 on both weight matrices, in {@code float}; the gradient in
 * every weight, bias and input. With ReLU a pre-activation can lie within a step of the kink.
 *
 * <p>Planted bugs: the MSE's factor 2 left out; {@code dW1} accumulated transposed; {@code db1}
 * from the first sample only; a wrong activation derivative ({@code 1 - a^2} of the pre-activation
 * for tanh, leaky slope 0.01 below zero for ReLU); the weight decay's gradient left out on {@code
 * W2}.
 *
 * <p>(The double twin is {@link Mlp}. The code is not shared on purpose: here every operation must
 * round as a {@code float} layer's does, which generic code over both types would not.)
 */
final class MlpFloat extends RealisticLayer {

  private static final int MISSING_FACTOR_TWO = 1;
  private static final int DW1_TRANSPOSED = 2;
  private static final int DB1_FIRST_SAMPLE = 3;
  private static final int WRONG_DERIVATIVE = 4;
  private static final int MISSING_DECAY_W2 = 5;

  private static final int B = 3;
  private static final int D = 4;
  private static final int H = 4;
  private static final int O = 2;
  private static final float LAM = 1e-2f;

  private final boolean tanh;

  /**
   * @param tanh tanh as the activation if {@code true}, ReLU if not
   */
  MlpFloat(boolean tanh) {
    this.tanh = tanh;
  }

  @Override
  String name() {
    return tanh ? "mlpf-tanh" : "mlpf-relu";
  }

  @Override
  boolean isFloat() {
    return true;
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct",
        "missing factor 2 in MSE",
        "dW1 transposed",
        "db1 from first sample only",
        tanh ? "tanh' as 1-a^2" : "leaky 0.01 derivative",
        "weight decay missing on W2");
  }

  private float f(float a) {
    return tanh ? (float) Math.tanh(a) : Math.max(a, 0f);
  }

  private float fp(int v, float a) {
    if (tanh) {
      float t = (float) Math.tanh(a);
      return v == WRONG_DERIVATIVE ? 1 - a * a : 1 - t * t;
    }
    return a > 0 ? 1f : (v == WRONG_DERIVATIVE ? 0.01f : 0f);
  }

  private float loss(float[] x, float[] w1, float[] b1, float[] w2, float[] b2, float[] t) {
    float l = 0;
    for (int b = 0; b < B; b++) {
      float[] h = new float[H];
      for (int j = 0; j < H; j++) {
        float a = b1[j];
        for (int k = 0; k < D; k++) {
          a += w1[j * D + k] * x[b * D + k];
        }
        h[j] = f(a);
      }
      for (int o = 0; o < O; o++) {
        float z = b2[o];
        for (int j = 0; j < H; j++) {
          z += w2[o * H + j] * h[j];
        }
        float e = z - t[b * O + o];
        l += e * e;
      }
    }
    l /= B * O;
    float r = 0;
    for (float w : w1) {
      r += w * w;
    }
    for (float w : w2) {
      r += w * w;
    }
    return l + LAM * r;
  }

  private void grad(
      int v,
      float[] x,
      float[] w1,
      float[] b1,
      float[] w2,
      float[] b2,
      float[] t,
      float[] dx,
      float[] dw1,
      float[] db1,
      float[] dw2,
      float[] db2) {
    Arrays.fill(dw1, 0);
    Arrays.fill(db1, 0);
    Arrays.fill(dw2, 0);
    Arrays.fill(db2, 0);
    for (int b = 0; b < B; b++) {
      float[] a = new float[H];
      float[] h = new float[H];
      for (int j = 0; j < H; j++) {
        a[j] = b1[j];
        for (int k = 0; k < D; k++) {
          a[j] += w1[j * D + k] * x[b * D + k];
        }
        h[j] = f(a[j]);
      }
      float[] dz = new float[O];
      for (int o = 0; o < O; o++) {
        float z = b2[o];
        for (int j = 0; j < H; j++) {
          z += w2[o * H + j] * h[j];
        }
        dz[o] = (v == MISSING_FACTOR_TWO ? 1 : 2) * (z - t[b * O + o]) / (B * O);
      }
      float[] da = new float[H];
      for (int o = 0; o < O; o++) {
        db2[o] += dz[o];
        for (int j = 0; j < H; j++) {
          dw2[o * H + j] += dz[o] * h[j];
        }
      }
      for (int j = 0; j < H; j++) {
        float dh = 0;
        for (int o = 0; o < O; o++) {
          dh += dz[o] * w2[o * H + j];
        }
        da[j] = dh * fp(v, a[j]);
      }
      for (int j = 0; j < H; j++) {
        if (!(v == DB1_FIRST_SAMPLE && b > 0)) {
          db1[j] += da[j];
        }
        for (int k = 0; k < D; k++) {
          if (v == DW1_TRANSPOSED) {
            dw1[k * D + j] += da[j] * x[b * D + k];
          } else {
            dw1[j * D + k] += da[j] * x[b * D + k];
          }
        }
      }
      for (int k = 0; k < D; k++) {
        float s = 0;
        for (int j = 0; j < H; j++) {
          s += da[j] * w1[j * D + k];
        }
        dx[b * D + k] = s;
      }
    }
    for (int i = 0; i < w1.length; i++) {
      dw1[i] += 2 * LAM * w1[i];
    }
    if (v != MISSING_DECAY_W2) {
      for (int i = 0; i < w2.length; i++) {
        dw2[i] += 2 * LAM * w2[i];
      }
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    float[] x = Draw.gaussFloat(r, B * D, 1);
    float[] w1 = Draw.gaussFloat(r, H * D, 0.7);
    float[] b1 = Draw.gaussFloat(r, H, 0.3);
    float[] w2 = Draw.gaussFloat(r, O * H, 0.7);
    float[] b2 = Draw.gaussFloat(r, O, 0.3);
    float[] t = Draw.gaussFloat(r, B * O, 1);
    float[] dx = new float[B * D];
    float[] dw1 = new float[H * D];
    float[] db1 = new float[H];
    float[] dw2 = new float[O * H];
    float[] db2 = new float[O];
    return GradientCheck.create()
        .seed(seed)
        .param("W1", w1, dw1, H, D)
        .param("b1", b1, db1)
        .param("W2", w2, dw2, O, H)
        .param("b2", b2, db2)
        .param("x", x, dx, B, D)
        .loss(() -> loss(x, w1, b1, w2, b2, t))
        .backward(
            () -> {
              float[] cx = new float[B * D];
              float[] cw1 = new float[H * D];
              float[] cb1 = new float[H];
              float[] cw2 = new float[O * H];
              float[] cb2 = new float[O];
              grad(0, x, w1, b1, w2, b2, t, cx, cw1, cb1, cw2, cb2);
              grad(v, x, w1, b1, w2, b2, t, dx, dw1, db1, dw2, db2);
              if (size.first()) {
                size.compare(cx, dx);
                size.compare(cw1, dw1);
                size.compare(cb1, db1);
                size.compare(cw2, dw2);
                size.compare(cb2, db2);
              }
            })
        .run();
  }
}
