package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Scaled dot-product attention of 4 positions of width 3, {@code softmax(Q K^T / sqrt(d)) V}, with
 * queries of scale 1, 3 or 10 (the seed picks it; at 10 the softmax is nearly one-hot); a matrix
 * output checked through a vector-Jacobian backward in {@code Q}, {@code K} and {@code V}.
 *
 * <p>Planted bugs: {@code dQ} without its {@code 1/sqrt(d)}; the softmax backward without the
 * subtraction of {@code sum P dP}; {@code dK = dS Q} without the transpose; {@code dV = P dO}
 * without the transpose.
 */
final class Attention extends RealisticLayer {

  private static final int DQ_UNSCALED = 1;
  private static final int SOFTMAX_WITHOUT_SUBTRACTION = 2;
  private static final int DK_UNTRANSPOSED = 3;
  private static final int DV_UNTRANSPOSED = 4;

  private static final int T = 4;
  private static final int DD = 3;
  private static final double[] SCALES = {1, 3, 10};

  @Override
  String name() {
    return "attention";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct",
        "dQ missing 1/sqrt(d)",
        "softmax bwd missing subtraction",
        "dK = dS Q (no transpose)",
        "dV = P dO (no transpose)");
  }

  static double[][] probs(double[] q, double[] k) {
    double[][] p = new double[T][T];
    double sc = 1 / Math.sqrt(DD);
    for (int i = 0; i < T; i++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < T; j++) {
        double s = 0;
        for (int d = 0; d < DD; d++) {
          s += q[i * DD + d] * k[j * DD + d];
        }
        p[i][j] = s * sc;
        m = Math.max(m, p[i][j]);
      }
      double z = 0;
      for (int j = 0; j < T; j++) {
        p[i][j] = Math.exp(p[i][j] - m);
        z += p[i][j];
      }
      for (int j = 0; j < T; j++) {
        p[i][j] /= z;
      }
    }
    return p;
  }

  static double[] forward(double[] q, double[] k, double[] v) {
    double[][] p = probs(q, k);
    double[] out = new double[T * DD];
    for (int i = 0; i < T; i++) {
      for (int d = 0; d < DD; d++) {
        double s = 0;
        for (int j = 0; j < T; j++) {
          s += p[i][j] * v[j * DD + d];
        }
        out[i * DD + d] = s;
      }
    }
    return out;
  }

  static void backward(
      int variant,
      double[] q,
      double[] k,
      double[] v,
      double[] dout,
      double[] dq,
      double[] dk,
      double[] dv) {
    double[][] p = probs(q, k);
    double sc = 1 / Math.sqrt(DD);
    Arrays.fill(dq, 0);
    Arrays.fill(dk, 0);
    Arrays.fill(dv, 0);
    for (int j = 0; j < T; j++) {
      for (int d = 0; d < DD; d++) {
        double s = 0;
        for (int i = 0; i < T; i++) {
          s += (variant == DV_UNTRANSPOSED ? p[j][i] : p[i][j]) * dout[i * DD + d];
        }
        dv[j * DD + d] = s;
      }
    }
    double[][] ds = new double[T][T];
    for (int i = 0; i < T; i++) {
      double[] dp = new double[T];
      double dot = 0;
      for (int j = 0; j < T; j++) {
        double s = 0;
        for (int d = 0; d < DD; d++) {
          s += dout[i * DD + d] * v[j * DD + d];
        }
        dp[j] = s;
        dot += p[i][j] * s;
      }
      for (int j = 0; j < T; j++) {
        ds[i][j] = p[i][j] * (dp[j] - (variant == SOFTMAX_WITHOUT_SUBTRACTION ? 0 : dot));
      }
    }
    for (int i = 0; i < T; i++) {
      for (int d = 0; d < DD; d++) {
        double s = 0;
        for (int j = 0; j < T; j++) {
          s += ds[i][j] * k[j * DD + d];
        }
        dq[i * DD + d] = s * (variant == DQ_UNSCALED ? 1 : sc);
      }
    }
    for (int j = 0; j < T; j++) {
      for (int d = 0; d < DD; d++) {
        double s = 0;
        for (int i = 0; i < T; i++) {
          s += (variant == DK_UNTRANSPOSED ? ds[j][i] : ds[i][j]) * q[i * DD + d];
        }
        dk[j * DD + d] = s * sc;
      }
    }
  }

  @Override
  CheckResult run(int variant, long seed, BugSize size) {
    Random r = new Random(seed);
    double s = SCALES[(int) (seed % SCALES.length)];
    double[] q = Draw.gauss(r, T * DD, s);
    double[] k = Draw.gauss(r, T * DD, 1);
    double[] v = Draw.gauss(r, T * DD, 1);
    double[] dq = new double[T * DD];
    double[] dk = new double[T * DD];
    double[] dv = new double[T * DD];
    return GradientCheck.create()
        .seed(seed)
        .param("Q", q, dq, T, DD)
        .param("K", k, dk, T, DD)
        .param("V", v, dv, T, DD)
        .output(() -> forward(q, k, v))
        .backward(
            dy -> {
              double[] cq = new double[T * DD];
              double[] ck = new double[T * DD];
              double[] cv = new double[T * DD];
              backward(0, q, k, v, dy, cq, ck, cv);
              backward(variant, q, k, v, dy, dq, dk, dv);
              if (size.first()) {
                size.compare(cq, dq);
                size.compare(ck, dk);
                size.compare(cv, dv);
              }
            })
        .run();
  }
}
