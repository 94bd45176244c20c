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

  /** The gradient at the current values, every entry put back as it was read. */
  static double[] of(DoubleSupplier loss, List<Declared> parameters) {
    int total = parameters.stream().mapToInt(d -> d.values().size()).sum();
    double[] gradient = new double[total];
    int k = 0;
    for (Declared d : parameters) {
      Entries values = d.values();
      for (int i = 0; i < values.size(); i++) {
        double x = values.get(i);
        double h = d.step(x, values.precision(), 1);
        values.set(i, x + h);
        double xPlus = values.get(i);
        double fPlus = loss.getAsDouble();
        values.set(i, x - h);
        double xMinus = values.get(i);
        double fMinus = loss.getAsDouble();
        values.set(i, x);
        gradient[k++] = (fPlus - fMinus) / (xPlus - xMinus);
      }
    }
    return gradient;
  }

  /** The loss evaluations one gradient costs. */
  static long cost(List<Declared> parameters) {
    return 2L * parameters.stream().mapToInt(d -> d.values().size()).sum();
  }
}
