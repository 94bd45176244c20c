package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Param;
import java.util.List;
import java.util.Random;

/**
 * The Gaussian negative log-likelihood of 6 observations in their means and variances, with
 * variances around 1e-6 and observations 1.5 standard deviations away: the gradient in the
 * variances is of order 1e6. The correct backward is checked twice, with the variances declared
 * {@code Param.scale(1e-6).positive()} and without a scale; the buggy ones with the scale.
 *
 * <p>Planted bugs: {@code dvar} without its factor 0.5; {@code r^2/var} instead of {@code
 * r^2/var^2} in {@code dvar}; {@code dvar}'s second term added instead of subtracted; the sign of
 * {@code dmu} flipped.
 */
final class GaussianNll extends RealisticLayer {

  private static final int WITHOUT_SCALE = 1;
  private static final int DVAR_WITHOUT_HALF = 2;
  private static final int DVAR_WRONG_POWER = 3;
  private static final int DVAR_WRONG_SIGN = 4;
  private static final int DMU_SIGN_FLIPPED = 5;

  private static final int N = 6;

  @Override
  String name() {
    return "gaussNLL";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct (scale declared)",
        "correct-noscale",
        "dvar missing 0.5",
        "r^2/var instead of r^2/var^2",
        "dvar second term sign +",
        "dmu sign flipped");
  }

  static double loss(double[] mu, double[] var, double[] x) {
    double l = 0;
    for (int i = 0; i < N; i++) {
      double r = x[i] - mu[i];
      l += 0.5 * (Math.log(2 * Math.PI * var[i]) + r * r / var[i]);
    }
    return l;
  }

  static void grad(int v, double[] mu, double[] var, double[] x, double[] gm, double[] gv) {
    for (int i = 0; i < N; i++) {
      double r = x[i] - mu[i];
      gm[i] = (v == DMU_SIGN_FLIPPED ? 1 : -1) * r / var[i];
      if (v == DVAR_WITHOUT_HALF) {
        gv[i] = 1 / var[i] - r * r / (var[i] * var[i]);
      } else if (v == DVAR_WRONG_POWER) {
        gv[i] = 0.5 * (1 / var[i] - r * r / var[i]);
      } else if (v == DVAR_WRONG_SIGN) {
        gv[i] = 0.5 * (1 / var[i] + r * r / (var[i] * var[i]));
      } else {
        gv[i] = 0.5 * (1 / var[i] - r * r / (var[i] * var[i]));
      }
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double[] mu = Draw.gauss(r, N, 1);
    double[] var = new double[N];
    double[] x = new double[N];
    double[] dm = new double[N];
    double[] dv = new double[N];
    for (int i = 0; i < N; i++) {
      var[i] = 1e-6 * Math.exp(0.5 * r.nextGaussian());
      x[i] = mu[i] + 1.5 * Math.sqrt(var[i]) * r.nextGaussian();
    }
    GradientCheck check = GradientCheck.create().seed(seed).param("mu", mu, dm);
    check =
        v == WITHOUT_SCALE
            ? check.param("var", var, dv)
            : check.param("var", var, dv, Param.scale(1e-6).positive());
    return check
        .loss(() -> loss(mu, var, x))
        .backward(
            () -> {
              double[] cm = new double[N];
              double[] cv = new double[N];
              grad(0, mu, var, x, cm, cv);
              grad(v, mu, var, x, dm, dv);
              if (size.first()) {
                size.compare(cm, dm);
                size.compare(cv, dv);
              }
            })
        .run();
  }
}
