package dev.gradcheck.samples.newton;

import java.util.function.UnaryOperator;

/**
 * Truncated Newton (Newton–CG) on a {@link LogisticRegression}: the Newton step {@code H s = -g} is
 * solved approximately by conjugate gradients, which needs only products {@code H·v} ({@link
 * LogisticRegression#hessianTimes}); the Hessian is never formed. The solve stops once its residual
 * is below {@code η ‖g‖} with the forcing term {@code η = min(0.5, √‖g‖)}, which gives superlinear
 * convergence, or on negative curvature; the step is then taken with the same backtracking line
 * search as {@link Newton}.
 */
public final class TruncatedNewton {

  private TruncatedNewton() {}

  /**
   * Minimizes the model by Newton–CG with the Hessian-vector product it implements.
   *
   * @param model the model; only its loss, gradient and {@link LogisticRegression#hessianTimes} are
   *     called
   * @param start the first iterate; not modified
   * @param tolerance the {@code ‖g‖} at which to stop
   * @param maxIterations the Newton steps after which to stop anyway
   * @return the run, with the number of Hessian-vector products used
   */
  public static Newton.Run minimize(
      LogisticRegression model, double[] start, double tolerance, int maxIterations) {
    long[] products = {0};
    return Newton.iterate(
        model,
        start,
        tolerance,
        maxIterations,
        (w, g) -> {
          double gNorm = Newton.norm(g);
          double forcing = Math.min(0.5, Math.sqrt(gNorm));
          return solve(
              v -> {
                products[0]++;
                return model.hessianTimes(w, v);
              },
              g,
              forcing * gNorm,
              2 * g.length);
        },
        () -> products[0]);
  }

  /**
   * Solves {@code H s = -g} by conjugate gradients from {@code s = 0}, with {@code H} given only by
   * its products (Nocedal and Wright, Algorithm 7.1).
   *
   * @param product {@code v -> H·v}
   * @param g the gradient, the right-hand side's negation; not modified
   * @param residual the residual norm {@code ‖H s + g‖} at which to stop
   * @param maxIterations the CG iterations after which to stop anyway
   * @return the approximate step; {@code -g} when the first direction already has non-positive
   *     curvature
   */
  public static double[] solve(
      UnaryOperator<double[]> product, double[] g, double residual, int maxIterations) {
    int n = g.length;
    double[] s = new double[n];
    double[] r = g.clone(); // r = H s + g
    double[] d = Newton.negate(r);
    double rr = LogisticRegression.dot(r, r);
    for (int k = 0; k < maxIterations && Math.sqrt(rr) > residual; k++) {
      double[] hd = product.apply(d.clone());
      double curvature = LogisticRegression.dot(d, hd);
      if (!(curvature > 0)) {
        return k == 0 ? Newton.negate(g) : s; // negative curvature: stop with what we have
      }
      double alpha = rr / curvature;
      for (int i = 0; i < n; i++) {
        s[i] += alpha * d[i];
        r[i] += alpha * hd[i];
      }
      double next = LogisticRegression.dot(r, r);
      double beta = next / rr;
      rr = next;
      for (int i = 0; i < n; i++) {
        d[i] = -r[i] + beta * d[i];
      }
    }
    return s;
  }
}
