package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.ContractViolation.NotLinear.Failure;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The derivative code is linear in its input: a few extra calls of the user's backward (or product)
 * at the declared point, with no extra forward evaluation, each compared to what linearity
 * predicts. Names the usual ways it is not: a first input cached and reused, a constant added, the
 * sign of the input ignored ({@code |dy|}), or a map that is not additive.
 */
final class LinearityContract {

  private LinearityContract() {}

  /** Checks the map; empty when it is linear to the working precision's rounding. */
  static Optional<ContractViolation> check(LinearMap map, SplittableRandom random) {
    int n = map.inputs();
    double[] u = draw(random, n);
    double[] v = draw(random, n);
    double[] sum = new double[n];
    double[] negated = new double[n];
    for (int i = 0; i < n; i++) {
      sum[i] = u[i] + v[i];
      negated[i] = -u[i];
    }
    double[] bu = map.apply(u);
    double[] bv = map.apply(v);
    double[] b0 = map.apply(new double[n]);
    double[] bNeg = map.apply(negated);
    double[] bSum = map.apply(sum);
    double relative = Math.sqrt(map.epsilon());
    double scale = 0;
    for (int k = 0; k < bu.length; k++) {
      scale = Math.max(scale, Math.max(Math.abs(bu[k]), Math.abs(bv[k])));
    }
    double floor = relative * scale + Double.MIN_NORMAL;
    if (scale > 0 && close(bu, bv, floor) && close(b0, bu, floor)) {
      return violation(map, Failure.INPUT_IGNORED, largest(bu), Double.NaN, bv[largest(bu)]);
    }
    int k = differs(b0, new double[b0.length], floor);
    if (k >= 0) {
      return violation(map, Failure.CONSTANT_ADDED, k, 0, b0[k]);
    }
    k = differs(bNeg, negate(bu), floor);
    if (k >= 0) {
      boolean ignored = Math.abs(bNeg[k] - bu[k]) <= floor;
      return violation(
          map, ignored ? Failure.SIGN_IGNORED : Failure.NOT_HOMOGENEOUS, k, -bu[k], bNeg[k]);
    }
    double[] predicted = new double[bu.length];
    for (int j = 0; j < predicted.length; j++) {
      predicted[j] = bu[j] + bv[j];
    }
    k = differs(bSum, predicted, relative * 2 * scale + Double.MIN_NORMAL);
    if (k >= 0) {
      return violation(map, Failure.NOT_ADDITIVE, k, predicted[k], bSum[k]);
    }
    return Optional.empty();
  }

  private static int largest(double[] a) {
    int k = 0;
    for (int j = 0; j < a.length; j++) {
      if (Math.abs(a[j]) > Math.abs(a[k])) {
        k = j;
      }
    }
    return k;
  }

  private static Optional<ContractViolation> violation(
      LinearMap map, Failure failure, int k, double expected, double actual) {
    return Optional.of(
        new ContractViolation.NotLinear(
            map.code(), map.input(), failure, map.label(k), expected, actual));
  }

  private static boolean close(double[] a, double[] b, double floor) {
    return differs(a, b, floor) < 0;
  }

  /** The first entry where {@code a} and {@code b} differ by more than {@code floor}, or -1. */
  private static int differs(double[] a, double[] b, double floor) {
    for (int k = 0; k < a.length; k++) {
      if (!(Math.abs(a[k] - b[k]) <= floor)) {
        return k;
      }
    }
    return -1;
  }

  private static double[] negate(double[] a) {
    double[] out = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      out[k] = -a[k];
    }
    return out;
  }

  /** Random signs and magnitudes in [0.5, 1.5), as the upstream gradient is drawn. */
  private static double[] draw(SplittableRandom random, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      double magnitude = 0.5 + random.nextDouble();
      d[i] = random.nextBoolean() ? magnitude : -magnitude;
    }
    return d;
  }
}
