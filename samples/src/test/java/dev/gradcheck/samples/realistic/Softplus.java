package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.List;
import java.util.Random;

/**
 * A weighted sum of softplus and log-sigmoid terms of 8 arguments, half of them uniform in {@code
 * [-750, 750)}, where {@code exp} overflows, the others of scale 30.
 *
 * <p>Planted bugs: the sigmoid computed naively as {@code e^x / (1 + e^x)}, which is NaN once
 * {@code e^x} overflows (a broken contract where it does, no error where it does not, so never a
 * genuine bug); the log-sigmoid term's derivative taken as {@code sigma(x)} instead of {@code
 * sigma(-x)}; the softplus weight {@code w} left out.
 */
final class Softplus extends RealisticLayer {

  private static final int NAIVE_SIGMOID = 1;
  private static final int LOG_SIGMOID_WRONG_SIDE = 2;
  private static final int MISSING_WEIGHT = 3;

  private static final int N = 8;

  @Override
  String name() {
    return "softplus";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct", "naive sigmoid (overflow)", "logsigmoid' uses sigma(x)", "missing weight w");
  }

  static double loss(double[] x, double[] w, double[] u) {
    double l = 0;
    for (int i = 0; i < N; i++) {
      l += w[i] * Draw.softplus(x[i]) - u[i] * Draw.softplus(-x[i]);
    }
    return l;
  }

  static double naive(double x) {
    return Math.exp(x) / (1 + Math.exp(x));
  }

  static void grad(int v, double[] x, double[] w, double[] u, double[] g) {
    for (int i = 0; i < N; i++) {
      double s = v == NAIVE_SIGMOID ? naive(x[i]) : Draw.sigmoid(x[i]);
      double sm = v == NAIVE_SIGMOID ? naive(-x[i]) : Draw.sigmoid(-x[i]);
      g[i] = (v == MISSING_WEIGHT ? 1 : w[i]) * s + u[i] * (v == LOG_SIGMOID_WRONG_SIDE ? s : sm);
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double[] x = new double[N];
    double[] dx = new double[N];
    double[] w = new double[N];
    double[] u = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = i < 4 ? -750 + 1500 * r.nextDouble() : 30 * r.nextGaussian();
      w[i] = 0.5 + r.nextDouble();
      u[i] = 0.5 + r.nextDouble();
    }
    return GradientCheck.create()
        .seed(seed)
        .param("x", x, dx)
        .loss(() -> loss(x, w, u))
        .backward(
            () -> {
              double[] c = new double[N];
              grad(0, x, w, u, c);
              grad(v, x, w, u, dx);
              if (size.first()) {
                size.compare(c, dx);
              }
            })
        .run();
  }
}
