package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.List;
import java.util.Random;

/**
 * Softmax cross-entropy of logits, averaged over a batch of 4 rows of 5 classes, in {@code float},
 * with logits of scale 1 to 80 (the seed picks it): at the larger scales most of the loss's
 * dependence on a logit is below {@code float} rounding.
 *
 * <p>Planted bugs: the batch mean's {@code 1/B} left out; the one-hot label taken one class over;
 * the last row's gradient never written (left 0); the sign of the first entry flipped.
 *
 * <p>(The double twin is {@link SoftmaxCrossEntropy}. The code is not shared on purpose: here every
 * operation must round as a {@code float} layer's does, which generic code over both types would
 * not.)
 */
final class SoftmaxCrossEntropyFloat extends RealisticLayer {

  private static final int MISSING_BATCH_MEAN = 1;
  private static final int LABEL_OFF_BY_ONE = 2;
  private static final int LAST_ROW_UNWRITTEN = 3;
  private static final int FIRST_SIGN_FLIPPED = 4;

  private static final double[] SCALES = {1, 10, 50, 80};
  private static final int B = 4;
  private static final int C = 5;

  @Override
  String name() {
    return "softmaxCE-f";
  }

  @Override
  boolean isFloat() {
    return true;
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct", "missing 1/B", "label off-by-one", "last row not written", "sign flip z[0][0]");
  }

  static float loss(float[] z, int[] y) {
    float l = 0;
    for (int i = 0; i < B; i++) {
      float m = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < C; j++) {
        m = Math.max(m, z[i * C + j]);
      }
      float s = 0;
      for (int j = 0; j < C; j++) {
        s += (float) Math.exp(z[i * C + j] - m);
      }
      l += m + (float) Math.log(s) - z[i * C + y[i]];
    }
    return l / B;
  }

  static void grad(int v, float[] z, int[] y, float[] g) {
    for (int i = 0; i < B; i++) {
      float m = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < C; j++) {
        m = Math.max(m, z[i * C + j]);
      }
      float s = 0;
      for (int j = 0; j < C; j++) {
        s += (float) Math.exp(z[i * C + j] - m);
      }
      int lab = v == LABEL_OFF_BY_ONE ? (y[i] + 1) % C : y[i];
      for (int j = 0; j < C; j++) {
        float p = (float) Math.exp(z[i * C + j] - m) / s;
        g[i * C + j] = (p - (j == lab ? 1 : 0)) / (v == MISSING_BATCH_MEAN ? 1 : B);
      }
    }
    if (v == LAST_ROW_UNWRITTEN) {
      for (int j = 0; j < C; j++) {
        g[(B - 1) * C + j] = 0;
      }
    }
    if (v == FIRST_SIGN_FLIPPED) {
      g[0] = -g[0];
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double sc = SCALES[(int) (seed % SCALES.length)];
    float[] z = Draw.gaussFloat(r, B * C, sc);
    float[] dz = new float[B * C];
    int[] y = new int[B];
    for (int i = 0; i < B; i++) {
      y[i] = r.nextInt(C);
    }
    return GradientCheck.create()
        .seed(seed)
        .param("z", z, dz, B, C)
        .loss(() -> loss(z, y))
        .backward(
            () -> {
              float[] c = new float[B * C];
              grad(0, z, y, c);
              grad(v, z, y, dz);
              if (size.first()) {
                size.compare(c, dz);
              }
            })
        .run();
  }
}
