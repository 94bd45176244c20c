package dev.gradcheck.samples.commonsmath;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * Independent reference derivatives: each function's formula written out again here and
 * differentiated exactly by commons-math3's forward-mode automatic differentiation ({@link
 * DerivativeStructure}), without any of the shipped {@code gradient} or {@code
 * value(DerivativeStructure)} code.
 */
final class Reference {

  private Reference() {}

  /** The gradient with respect to the parameters at {@code x}. */
  static double[] gradient(Subject subject, double x, double[] param) {
    int n = param.length;
    DerivativeStructure[] p = new DerivativeStructure[n];
    for (int j = 0; j < n; j++) {
      p[j] = new DerivativeStructure(n, 1, j, param[j]);
    }
    DerivativeStructure f = formula(subject, new DerivativeStructure(n, 1, x), p);
    double[] g = new double[n];
    int[] orders = new int[n];
    for (int j = 0; j < n; j++) {
      orders[j] = 1;
      g[j] = f.getPartialDerivative(orders);
      orders[j] = 0;
    }
    return g;
  }

  /** The derivative with respect to {@code x}. */
  static double derivativeInX(Subject subject, double x, double[] param) {
    DerivativeStructure[] p = new DerivativeStructure[param.length];
    for (int j = 0; j < param.length; j++) {
      p[j] = new DerivativeStructure(1, 1, param[j]);
    }
    return formula(subject, new DerivativeStructure(1, 1, 0, x), p).getPartialDerivative(1);
  }

  /**
   * Whether a shipped derivative agrees with the reference: within {@code 1e-9} of the reference
   * itself, or of {@code scale} (the gradient's largest entry) times {@code 1e-12}.
   */
  static boolean agrees(double shipped, double reference, double scale) {
    return Math.abs(shipped - reference) <= 1e-9 * Math.abs(reference) + 1e-12 * scale;
  }

  /** Whether every entry of a shipped gradient agrees with the reference. */
  static boolean agrees(double[] shipped, double[] reference) {
    double scale = 0;
    for (double r : reference) {
      scale = Math.max(scale, Math.abs(r));
    }
    for (int j = 0; j < reference.length; j++) {
      if (!agrees(shipped[j], reference[j], scale)) {
        return false;
      }
    }
    return true;
  }

  private static DerivativeStructure formula(
      Subject subject, DerivativeStructure x, DerivativeStructure[] p) {
    switch (subject) {
      case GAUSSIAN:
        {
          DerivativeStructure u = x.subtract(p[1]).divide(p[2]);
          return u.multiply(u).multiply(-0.5).exp().multiply(p[0]);
        }
      case LOGISTIC:
        {
          // a + (k - a) (1 + q exp(b (m - x)))^(-1/n), the power as exp(-log(base) / n) so that
          // it underflows to 0 where the shipped code's power overflows to infinity
          DerivativeStructure base = p[2].multiply(p[1].subtract(x)).exp().multiply(p[3]).add(1);
          DerivativeStructure power = base.log().divide(p[5]).negate().exp();
          return p[0].subtract(p[4]).multiply(power).add(p[4]);
        }
      case LOGIT:
        return x.subtract(p[0]).divide(p[1].subtract(x)).log();
      case HARMONIC_OSCILLATOR:
        return p[1].multiply(x).add(p[2]).cos().multiply(p[0]);
      case SIGMOID:
        {
          // 1 / (1 + exp(-x)), written as exp(x) / (1 + exp(x)) below 0 so that it never overflows
          DerivativeStructure s =
              x.getValue() >= 0
                  ? x.negate().exp().add(1).reciprocal()
                  : x.exp().divide(x.exp().add(1));
          return p[1].subtract(p[0]).multiply(s).add(p[0]);
        }
      case POLYNOMIAL:
        {
          DerivativeStructure sum = p[p.length - 1];
          for (int j = p.length - 2; j >= 0; j--) {
            sum = sum.multiply(x).add(p[j]);
          }
          return sum;
        }
      default:
        throw new IllegalArgumentException(subject.toString());
    }
  }
}
