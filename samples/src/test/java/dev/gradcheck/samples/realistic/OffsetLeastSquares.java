package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.List;
import java.util.Random;

/**
 * The residuals of a decaying exponential on an offset, {@code c + A exp(-k t) - y} at 8 times,
 * with an offset {@code c} near 1e6 that cancels against the data: a Jacobian check in {@code (A,
 * k, c)} of residuals of order 1e-3 computed from terms of order 1e6.
 *
 * <p>Planted bugs: {@code dr/dk} without its factor {@code t}; {@code dr/dk}'s sign flipped; {@code
 * dr/dA} evaluated at the next time; {@code dr/dc} zero instead of 1.
 */
final class OffsetLeastSquares extends RealisticLayer {

  private static final int DK_WITHOUT_T = 1;
  private static final int DK_SIGN_FLIPPED = 2;
  private static final int DA_NEXT_TIME = 3;
  private static final int DC_ZERO = 4;

  private static final int M = 8;

  @Override
  String name() {
    return "lsq-offset";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct", "dk missing t", "dk sign flipped", "dA uses t[i+1]", "dc column zero");
  }

  static double[] residuals(double[] th, double[] t, double[] y) {
    double[] r = new double[M];
    for (int i = 0; i < M; i++) {
      r[i] = th[2] + th[0] * Math.exp(-th[1] * t[i]) - y[i];
    }
    return r;
  }

  static double[][] jacobian(int v, double[] th, double[] t) {
    double[][] j = new double[M][3];
    for (int i = 0; i < M; i++) {
      double e = Math.exp(-th[1] * t[i]);
      j[i][0] = v == DA_NEXT_TIME ? Math.exp(-th[1] * t[Math.min(i + 1, M - 1)]) : e;
      j[i][1] = (v == DK_SIGN_FLIPPED ? 1 : -1) * th[0] * (v == DK_WITHOUT_T ? 1 : t[i]) * e;
      j[i][2] = v == DC_ZERO ? 0 : 1;
    }
    return j;
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double[] t = new double[M];
    double[] y = new double[M];
    for (int i = 0; i < M; i++) {
      t[i] = 0.5 * i;
    }
    double a0 = 10 * (1 + 0.3 * r.nextGaussian());
    double k0 = 0.5 * (1 + 0.3 * r.nextGaussian());
    double c0 = 1e6 * (1 + 0.1 * r.nextGaussian());
    for (int i = 0; i < M; i++) {
      y[i] = c0 + a0 * Math.exp(-k0 * t[i]) + 1e-3 * r.nextGaussian();
    }
    double[] th = {
      a0 * (1 + 0.05 * r.nextGaussian()),
      k0 * (1 + 0.05 * r.nextGaussian()),
      c0 + 0.1 * r.nextGaussian()
    };
    return GradientCheck.create()
        .seed(seed)
        .param("theta", th)
        .output(() -> residuals(th, t, y))
        .jacobian(
            () -> {
              double[][] c = jacobian(0, th, t);
              double[][] b = jacobian(v, th, t);
              if (size.first()) {
                for (int i = 0; i < M; i++) {
                  size.compare(c[i], b[i]);
                }
              }
              return b;
            })
        .run();
  }
}
