package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.List;
import java.util.Random;

/**
 * Arrhenius rates {@code k = exp(ln A - Ea / (R T))} at six temperatures from 200 K to 2000 K, a
 * Jacobian check in {@code (ln A, Ea)} with {@code ln A} near 25 and {@code Ea} near 1e5: the rows
 * range from about 1e-16 to 1e8 and the two columns differ by a factor of about {@code R T}.
 *
 * <p>Planted bugs: {@code dk/dEa} without its {@code 1/R}; {@code dk/dEa}'s sign flipped; the first
 * row evaluated at the second temperature; {@code dk/d ln A} taken as 1 (the derivative of the
 * log-rate).
 */
final class Arrhenius extends RealisticLayer {

  private static final int DEA_WITHOUT_R = 1;
  private static final int DEA_SIGN_FLIPPED = 2;
  private static final int FIRST_ROW_WRONG_T = 3;
  private static final int DLNA_OF_LOG_RATE = 4;

  private static final int M = 6;
  private static final double R = 8.314;
  private static final double[] TS = {200, 300, 500, 800, 1200, 2000};

  @Override
  String name() {
    return "arrhenius";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct",
        "dEa missing 1/R",
        "dEa sign",
        "first row uses T[1]",
        "dlnA column = 1 (log-rate)");
  }

  static double[] forward(double[] p) {
    double[] k = new double[M];
    for (int j = 0; j < M; j++) {
      k[j] = Math.exp(p[0] - p[1] / (R * TS[j]));
    }
    return k;
  }

  static double[][] jacobian(int v, double[] p) {
    double[][] jac = new double[M][2];
    for (int j = 0; j < M; j++) {
      double t = v == FIRST_ROW_WRONG_T && j == 0 ? TS[1] : TS[j];
      double k = Math.exp(p[0] - p[1] / (R * t));
      jac[j][0] = v == DLNA_OF_LOG_RATE ? 1 : k;
      jac[j][1] = (v == DEA_SIGN_FLIPPED ? 1 : -1) * k / ((v == DEA_WITHOUT_R ? 1 : R) * t);
    }
    return jac;
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double[] p = {25 + 3 * r.nextGaussian(), 1e5 * (1 + 0.3 * r.nextGaussian())};
    return GradientCheck.create()
        .seed(seed)
        .param("p", p)
        .output(() -> forward(p))
        .jacobian(
            () -> {
              double[][] c = jacobian(0, p);
              double[][] b = jacobian(v, p);
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
