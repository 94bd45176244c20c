package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Layer norm over rows of 8 with a learned scale and shift, a batch of 4, in {@code float}, eps
 * 1e-5: each row is an offset of scale 3 plus a spread of 1, 0.1 or 0.01 (the seed picks it), so
 * that at the small spreads the centred values keep only a few of {@code float}'s bits.
 *
 * <p>Planted bugs: the term {@code xhat * mean(dxhat * xhat)} left out; the term {@code
 * mean(dxhat)} left out; eps added outside the square root in the backward only; {@code dgamma}
 * summed from {@code dy} alone; the unbiased variance ({@code 1/(D-1)}) in the backward only.
 *
 * <p>(The double twin is {@link LayerNorm}. The code is not shared on purpose: here every operation
 * must round as a {@code float} layer's does, which generic code over both types would not.)
 */
final class LayerNormFloat extends RealisticLayer {

  private static final int MISSING_VARIANCE_TERM = 1;
  private static final int MISSING_MEAN_TERM = 2;
  private static final int EPS_OUTSIDE_SQRT = 3;
  private static final int DGAMMA_IS_SUM = 4;
  private static final int UNBIASED_VARIANCE = 5;

  private static final int B = 4;
  private static final int D = 8;
  private static final float EPS = 1e-5f;
  private static final double[] SPREADS = {1, 0.1, 0.01};

  @Override
  String name() {
    return "layernorm-f";
  }

  @Override
  boolean isFloat() {
    return true;
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct",
        "missing xhat*mean(dxhat*xhat)",
        "missing mean(dxhat)",
        "eps outside sqrt in backward",
        "dgamma = sum dy",
        "unbiased var in backward");
  }

  static float[] forward(float[] x, float[] g, float[] b) {
    float[] y = new float[B * D];
    for (int i = 0; i < B; i++) {
      float mu = 0;
      for (int j = 0; j < D; j++) {
        mu += x[i * D + j];
      }
      mu /= D;
      float var = 0;
      for (int j = 0; j < D; j++) {
        float t = x[i * D + j] - mu;
        var += t * t;
      }
      var /= D;
      float rs = 1 / (float) Math.sqrt(var + EPS);
      for (int j = 0; j < D; j++) {
        y[i * D + j] = g[j] * (x[i * D + j] - mu) * rs + b[j];
      }
    }
    return y;
  }

  static void backward(
      int v, float[] x, float[] g, float[] dy, float[] dx, float[] dg, float[] db) {
    Arrays.fill(dg, 0);
    Arrays.fill(db, 0);
    for (int i = 0; i < B; i++) {
      float mu = 0;
      for (int j = 0; j < D; j++) {
        mu += x[i * D + j];
      }
      mu /= D;
      float var = 0;
      for (int j = 0; j < D; j++) {
        float t = x[i * D + j] - mu;
        var += t * t;
      }
      var /= (v == UNBIASED_VARIANCE ? D - 1 : D);
      float rs =
          v == EPS_OUTSIDE_SQRT
              ? 1 / ((float) Math.sqrt(var) + EPS)
              : 1 / (float) Math.sqrt(var + EPS);
      float[] xh = new float[D];
      float[] dxh = new float[D];
      float m1 = 0;
      float m2 = 0;
      for (int j = 0; j < D; j++) {
        xh[j] = (x[i * D + j] - mu) * rs;
        dxh[j] = dy[i * D + j] * g[j];
        m1 += dxh[j];
        m2 += dxh[j] * xh[j];
      }
      m1 /= D;
      m2 /= D;
      for (int j = 0; j < D; j++) {
        dx[i * D + j] =
            rs
                * (dxh[j]
                    - (v == MISSING_MEAN_TERM ? 0 : m1)
                    - (v == MISSING_VARIANCE_TERM ? 0 : xh[j] * m2));
        dg[j] += dy[i * D + j] * (v == DGAMMA_IS_SUM ? 1 : xh[j]);
        db[j] += dy[i * D + j];
      }
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double sp = SPREADS[(int) (seed % SPREADS.length)];
    float[] x = new float[B * D];
    for (int i = 0; i < B; i++) {
      double off = 3 * r.nextGaussian();
      for (int j = 0; j < D; j++) {
        x[i * D + j] = (float) (off + sp * r.nextGaussian());
      }
    }
    float[] g = new float[D];
    float[] b = Draw.gaussFloat(r, D, 1);
    for (int j = 0; j < D; j++) {
      g[j] = (float) (1 + 0.1 * r.nextGaussian());
    }
    float[] dx = new float[B * D];
    float[] dg = new float[D];
    float[] db = new float[D];
    return GradientCheck.create()
        .seed(seed)
        .param("x", x, dx, B, D)
        .param("gamma", g, dg)
        .param("beta", b, db)
        .output(() -> forward(x, g, b))
        .backward(
            dy -> {
              float[] cx = new float[B * D];
              float[] cg = new float[D];
              float[] cb = new float[D];
              backward(0, x, g, dy, cx, cg, cb);
              backward(v, x, g, dy, dx, dg, db);
              if (size.first()) {
                size.compare(cx, dx);
                size.compare(cg, dg);
                size.compare(cb, db);
              }
            })
        .run();
  }
}
