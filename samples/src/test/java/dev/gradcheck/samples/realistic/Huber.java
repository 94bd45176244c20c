package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.List;
import java.util.Random;

/**
 * The Huber loss with delta 0.5, averaged over 8 predictions, with a fifth of the residuals exactly
 * at the quadratic-to-linear transition and a tenth exactly zero.
 *
 * <p>Planted bugs: the mean's {@code 1/N} left out; the linear branch's gradient without its factor
 * delta; the transition taken at {@code 2 delta}; the sign of the first entry flipped.
 */
final class Huber extends RealisticLayer {

  private static final int MISSING_MEAN = 1;
  private static final int LINEAR_WITHOUT_DELTA = 2;
  private static final int THRESHOLD_DOUBLED = 3;
  private static final int FIRST_SIGN_FLIPPED = 4;

  private static final int N = 8;
  private static final double DL = 0.5;

  @Override
  String name() {
    return "huber";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct",
        "missing 1/N",
        "linear branch omits delta",
        "threshold 2*delta",
        "sign flip p[0]");
  }

  static double loss(double[] p, double[] t) {
    double l = 0;
    for (int i = 0; i < N; i++) {
      double r = p[i] - t[i];
      double a = Math.abs(r);
      l += a <= DL ? 0.5 * r * r : DL * (a - 0.5 * DL);
    }
    return l / N;
  }

  static void grad(int v, double[] p, double[] t, double[] g) {
    for (int i = 0; i < N; i++) {
      double r = p[i] - t[i];
      double a = Math.abs(r);
      double th = v == THRESHOLD_DOUBLED ? 2 * DL : DL;
      double gi = a <= th ? r : (v == LINEAR_WITHOUT_DELTA ? Math.signum(r) : DL * Math.signum(r));
      g[i] = gi / (v == MISSING_MEAN ? 1 : N);
    }
    if (v == FIRST_SIGN_FLIPPED) {
      g[0] = -g[0];
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double[] t = Draw.gauss(r, N, 1);
    double[] p = new double[N];
    double[] dp = new double[N];
    for (int i = 0; i < N; i++) {
      double u = r.nextDouble();
      if (u < 0.2) {
        p[i] = t[i] + (r.nextBoolean() ? DL : -DL); // at the transition
      } else if (u < 0.3) {
        p[i] = t[i]; // a residual of exactly zero
      } else {
        p[i] = t[i] + r.nextGaussian();
      }
    }
    return GradientCheck.create()
        .seed(seed)
        .param("p", p, dp)
        .loss(() -> loss(p, t))
        .backward(
            () -> {
              double[] c = new double[N];
              grad(0, p, t, c);
              grad(v, p, t, dp);
              if (size.first()) {
                size.compare(c, dp);
              }
            })
        .run();
  }
}
