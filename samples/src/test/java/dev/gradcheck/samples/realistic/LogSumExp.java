package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.List;
import java.util.Random;

/**
 * Log-sum-exp with temperature 2 of each row of a 3 × 6 matrix, a vector output checked through a
 * vector-Jacobian backward, with entries of scale 1 to 300 (the seed picks it).
 *
 * <p>Planted bugs: the first row's upstream gradient used for every row; an extra {@code 1/T}; the
 * softmax taken down the columns instead of along the rows; the normaliser summed without the last
 * element.
 */
final class LogSumExp extends RealisticLayer {

  private static final int FIRST_UPSTREAM_FOR_ALL = 1;
  private static final int EXTRA_TEMPERATURE = 2;
  private static final int WRONG_AXIS = 3;
  private static final int NORMALISER_SHORT = 4;

  private static final double[] SCALES = {1, 30, 300};
  private static final int R = 3;
  private static final int N = 6;
  private static final double T = 2;

  @Override
  String name() {
    return "lse";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct",
        "dy[0] used for all rows",
        "extra 1/T",
        "softmax over wrong axis",
        "normaliser misses last element");
  }

  static double[] forward(double[] x) {
    double[] y = new double[R];
    for (int i = 0; i < R; i++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < N; j++) {
        m = Math.max(m, x[i * N + j] / T);
      }
      double s = 0;
      for (int j = 0; j < N; j++) {
        s += Math.exp(x[i * N + j] / T - m);
      }
      y[i] = T * (m + Math.log(s));
    }
    return y;
  }

  static void backward(int v, double[] x, double[] dy, double[] g) {
    if (v == WRONG_AXIS) {
      for (int j = 0; j < N; j++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < R; i++) {
          m = Math.max(m, x[i * N + j] / T);
        }
        double s = 0;
        for (int i = 0; i < R; i++) {
          s += Math.exp(x[i * N + j] / T - m);
        }
        for (int i = 0; i < R; i++) {
          g[i * N + j] = dy[i] * Math.exp(x[i * N + j] / T - m) / s;
        }
      }
      return;
    }
    for (int i = 0; i < R; i++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < N; j++) {
        m = Math.max(m, x[i * N + j] / T);
      }
      double s = 0;
      for (int j = 0; j < (v == NORMALISER_SHORT ? N - 1 : N); j++) {
        s += Math.exp(x[i * N + j] / T - m);
      }
      double u = v == FIRST_UPSTREAM_FOR_ALL ? dy[0] : dy[i];
      for (int j = 0; j < N; j++) {
        g[i * N + j] = u * Math.exp(x[i * N + j] / T - m) / s / (v == EXTRA_TEMPERATURE ? T : 1);
      }
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double sc = SCALES[(int) (seed % SCALES.length)];
    double[] x = Draw.gauss(r, R * N, sc);
    double[] dx = new double[R * N];
    return GradientCheck.create()
        .seed(seed)
        .param("x", x, dx, R, N)
        .output(() -> forward(x))
        .backward(
            dy -> {
              double[] c = new double[R * N];
              backward(0, x, dy, c);
              backward(v, x, dy, dx);
              if (size.first()) {
                size.compare(c, dx);
              }
            })
        .run();
  }
}
