package dev.gradcheck.internal.run;

import dev.gradcheck.internal.storage.Entries;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The gradient of a loss by central differences at the parameters' current values, for checking a
 * Hessian when no backward is declared: {@code (f(x + h e_i) - f(x - h e_i)) / 2h} per entry, with
 * the step {@code ∛ε · max(scale, |x_i|)}. Its error, about {@code ε^(2/3)} of the loss's scale, is
 * noise to the outer differences, which measure it and widen their tolerance by it: a Hessian from
 * the loss alone is resolved more coarsely than one from a backward, and costs {@code 2n} loss
 * evaluations per gradient.
 */
final class NumericGradient {

  private NumericGradient() {}

  /**
   * The gradient at the current values by the five-point stencil {@code (8(f(x+h) - f(x-h)) -
   * (f(x+2h) - f(x-2h))) / 12h}, and again with {@code 2h}, every entry put back as it was read:
   * {@code 2n} values, the gradient at {@code h} and then at {@code 2h}. The stencil's truncation,
   * of order {@code h⁴}, is smooth in {@code x}; the second half carries 16 times it, from which
   * the outer differences estimate and remove it. With {@code h = ε^(1/5)} the rounding is about
   * {@code ε^(4/5)} of the loss.
   */
  static double[] of(DoubleSupplier loss, List<Declared> parameters) {
    int total = parameters.stream().mapToInt(d -> d.values().size()).sum();
    double[] gradient = new double[2 * total];
    int k = 0;
    for (Declared d : parameters) {
      Entries values = d.values();
      for (int i = 0; i < values.size(); i++) {
        double x = values.get(i);
        double h = step(d, x);
        try {
          double f1 = at(loss, values, i, x + h);
          double fm1 = at(loss, values, i, x - h);
          double f2 = at(loss, values, i, x + 2 * h);
          double fm2 = at(loss, values, i, x - 2 * h);
          double f4 = at(loss, values, i, x + 4 * h);
          double fm4 = at(loss, values, i, x - 4 * h);
          gradient[k] = (8 * (f1 - fm1) - (f2 - fm2)) / (12 * h);
          gradient[total + k] = (8 * (f2 - fm2) - (f4 - fm4)) / (24 * h);
        } finally {
          // Also when the loss throws: the outer differences go on from this point.
          values.set(i, x);
        }
        k++;
      }
    }
    return gradient;
  }

  /**
   * A power of two near {@code ε^(1/5) · max(scale, |x|)}, so that {@code x ± h} and {@code x ± 2h}
   * are exact; halved for a positive parameter until {@code x - 4h} stays above half of {@code x}.
   */
  private static double step(Declared d, double x) {
    double h =
        Math.pow(d.values().precision().epsilon(), 0.2) * Math.max(d.stepScale(), Math.abs(x));
    h = Math.scalb(1.0, Math.getExponent(h));
    if (d.positive() && x > 0) {
      while (8 * h > x && h > Double.MIN_NORMAL) {
        h /= 2;
      }
    }
    return h;
  }

  private static double at(DoubleSupplier loss, Entries values, int i, double target) {
    values.set(i, target);
    return loss.getAsDouble();
  }

  /** The loss evaluations one gradient costs. */
  static long cost(List<Declared> parameters) {
    return 6L * parameters.stream().mapToInt(d -> d.values().size()).sum();
  }
}
