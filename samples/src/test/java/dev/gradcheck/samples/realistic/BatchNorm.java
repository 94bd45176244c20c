package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.List;
import java.util.Random;

/**
 * Batch norm in training mode over a batch of 6 of 3 channels, with a learned scale and shift, in
 * {@code double}, eps 1e-5; each channel has its own offset and a log-normal spread.
 *
 * <p>Planted bugs: {@code dx = dxhat * rstd} only (both batch-statistics paths left out); {@code
 * dbeta} summed over the first N-1 rows; the variance's path left out (only the mean's kept); the
 * prefactor {@code 1/(N-1)} instead of {@code 1/N}.
 */
final class BatchNorm extends RealisticLayer {

  private static final int STATISTICS_IGNORED = 1;
  private static final int DBETA_SHORT = 2;
  private static final int MISSING_VARIANCE_PATH = 3;
  private static final int UNBIASED_PREFACTOR = 4;

  private static final int N = 6;
  private static final int C = 3;
  private static final double EPS = 1e-5;

  @Override
  String name() {
    return "batchnorm";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct",
        "dx = dxhat*rstd only",
        "dbeta over first N-1",
        "missing var path",
        "1/(N-1) prefactor");
  }

  static double[] forward(double[] x, double[] g, double[] b) {
    double[] y = new double[N * C];
    for (int c = 0; c < C; c++) {
      double mu = 0;
      for (int n = 0; n < N; n++) {
        mu += x[n * C + c];
      }
      mu /= N;
      double var = 0;
      for (int n = 0; n < N; n++) {
        double t = x[n * C + c] - mu;
        var += t * t;
      }
      var /= N;
      double rs = 1 / Math.sqrt(var + EPS);
      for (int n = 0; n < N; n++) {
        y[n * C + c] = g[c] * (x[n * C + c] - mu) * rs + b[c];
      }
    }
    return y;
  }

  static void backward(
      int v, double[] x, double[] g, double[] dy, double[] dx, double[] dg, double[] db) {
    for (int c = 0; c < C; c++) {
      double mu = 0;
      for (int n = 0; n < N; n++) {
        mu += x[n * C + c];
      }
      mu /= N;
      double var = 0;
      for (int n = 0; n < N; n++) {
        double t = x[n * C + c] - mu;
        var += t * t;
      }
      var /= N;
      double rs = 1 / Math.sqrt(var + EPS);
      double s1 = 0;
      double s2 = 0;
      double sg = 0;
      double sb = 0;
      for (int n = 0; n < N; n++) {
        double xh = (x[n * C + c] - mu) * rs;
        double dxh = dy[n * C + c] * g[c];
        s1 += dxh;
        s2 += dxh * xh;
        sg += dy[n * C + c] * xh;
        if (!(v == DBETA_SHORT && n == N - 1)) {
          sb += dy[n * C + c];
        }
      }
      dg[c] = sg;
      db[c] = sb;
      for (int n = 0; n < N; n++) {
        double xh = (x[n * C + c] - mu) * rs;
        double dxh = dy[n * C + c] * g[c];
        if (v == STATISTICS_IGNORED) {
          dx[n * C + c] = dxh * rs;
        } else if (v == MISSING_VARIANCE_PATH) {
          dx[n * C + c] = rs * (dxh - s1 / N);
        } else {
          dx[n * C + c] = rs / (v == UNBIASED_PREFACTOR ? N - 1 : N) * (N * dxh - s1 - xh * s2);
        }
      }
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double[] x = new double[N * C];
    for (int c = 0; c < C; c++) {
      double off = 2 * r.nextGaussian();
      double sp = Math.exp(r.nextGaussian());
      for (int n = 0; n < N; n++) {
        x[n * C + c] = off + sp * r.nextGaussian();
      }
    }
    double[] g = new double[C];
    double[] b = Draw.gauss(r, C, 1);
    for (int j = 0; j < C; j++) {
      g[j] = 1 + 0.3 * r.nextGaussian();
    }
    double[] dx = new double[N * C];
    double[] dg = new double[C];
    double[] db = new double[C];
    return GradientCheck.create()
        .seed(seed)
        .param("x", x, dx, N, C)
        .param("gamma", g, dg)
        .param("beta", b, db)
        .output(() -> forward(x, g, b))
        .backward(
            dy -> {
              double[] cx = new double[N * C];
              double[] cg = new double[C];
              double[] cb = new double[C];
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
