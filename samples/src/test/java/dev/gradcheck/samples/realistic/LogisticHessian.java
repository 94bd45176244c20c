package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The mean logistic loss of 10 samples of 4 features plus an L2 penalty 0.01, with its gradient and
 * a Hessian check: the gradient is correct in every variant, the Hessian carries the bugs.
 *
 * <p>Planted bugs: the penalty's {@code lambda I} left out; the mean's {@code 1/n} left out; the
 * weight {@code p} instead of {@code p (1 - p)}; {@code H[0][1]} and {@code H[1][0]} built from
 * {@code x0 x0}.
 */
final class LogisticHessian extends RealisticLayer {

  private static final int MISSING_PENALTY = 1;
  private static final int MISSING_MEAN = 2;
  private static final int WRONG_WEIGHT = 3;
  private static final int WRONG_CROSS_TERM = 4;

  private static final int N = 10;
  private static final int P = 4;
  private static final double LAM = 0.01;

  @Override
  String name() {
    return "logreg-hess";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct",
        "missing lambda*I",
        "missing 1/n",
        "p instead of p(1-p)",
        "H[0][1] and H[1][0] use x0*x0");
  }

  static double loss(double[] w, double[] x, double[] y) {
    double l = 0;
    for (int i = 0; i < N; i++) {
      double z = 0;
      for (int k = 0; k < P; k++) {
        z += x[i * P + k] * w[k];
      }
      l += Draw.softplus(-y[i] * z);
    }
    double r = 0;
    for (double a : w) {
      r += a * a;
    }
    return l / N + 0.5 * LAM * r;
  }

  static void grad(double[] w, double[] x, double[] y, double[] g) {
    Arrays.fill(g, 0);
    for (int i = 0; i < N; i++) {
      double z = 0;
      for (int k = 0; k < P; k++) {
        z += x[i * P + k] * w[k];
      }
      double s = Draw.sigmoid(-y[i] * z);
      for (int k = 0; k < P; k++) {
        g[k] += -y[i] * s * x[i * P + k] / N;
      }
    }
    for (int k = 0; k < P; k++) {
      g[k] += LAM * w[k];
    }
  }

  static double[][] hessian(int v, double[] w, double[] x) {
    double[][] h = new double[P][P];
    for (int i = 0; i < N; i++) {
      double z = 0;
      for (int k = 0; k < P; k++) {
        z += x[i * P + k] * w[k];
      }
      double p = Draw.sigmoid(z);
      double c = v == WRONG_WEIGHT ? p : p * (1 - p);
      for (int a = 0; a < P; a++) {
        for (int b = 0; b < P; b++) {
          double xa = x[i * P + a];
          double xb = x[i * P + b];
          if (v == WRONG_CROSS_TERM && a + b == 1) {
            xa = x[i * P];
            xb = x[i * P];
          }
          h[a][b] += c * xa * xb / (v == MISSING_MEAN ? 1 : N);
        }
      }
    }
    if (v != MISSING_PENALTY) {
      for (int a = 0; a < P; a++) {
        h[a][a] += LAM;
      }
    }
    return h;
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double[] x = Draw.gauss(r, N * P, 1);
    double[] y = new double[N];
    double[] w = Draw.gauss(r, P, 1);
    double[] g = new double[P];
    for (int i = 0; i < N; i++) {
      y[i] = r.nextBoolean() ? 1 : -1;
    }
    return GradientCheck.create()
        .seed(seed)
        .param("w", w, g)
        .loss(() -> loss(w, x, y))
        .backward(() -> grad(w, x, y, g))
        .hessian(
            () -> {
              double[][] c = hessian(0, w, x);
              double[][] b = hessian(v, w, x);
              if (size.first()) {
                for (int i = 0; i < P; i++) {
                  size.compare(c[i], b[i]);
                }
              }
              return b;
            })
        .run();
  }
}
