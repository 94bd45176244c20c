package dev.gradcheck.internal.run;

import dev.gradcheck.internal.numeric.StepSize;
import dev.gradcheck.internal.storage.Entries;

/**
 * A declared parameter: its name, its values and the storage its gradient is written to.
 *
 * @param name the declared name
 * @param values the parameter's live values
 * @param gradient where the backward writes the parameter's gradient; null for a parameter whose
 *     derivatives come from a returned matrix (a Jacobian check)
 * @param scale the declared typical magnitude of its entries, NaN when not declared
 * @param positive whether its entries must stay positive
 */
public record Declared(
    String name, Entries values, Entries gradient, double scale, boolean positive) {

  /** A parameter of order one, of any sign. */
  public Declared(String name, Entries values, Entries gradient) {
    this(name, values, gradient, Double.NaN, false);
  }

  /** Whether the user declared the parameter's scale. */
  public boolean scaleDeclared() {
    return !Double.isNaN(scale);
  }

  /** The typical magnitude steps are sized from: the declared scale, or 1. */
  public double stepScale() {
    return scaleDeclared() ? scale : 1.0;
  }

  /**
   * The central-difference step of an entry: sized from the declared scale, and for a positive
   * parameter small enough that {@code reach} such steps stay above half the entry.
   */
  double step(double x, dev.gradcheck.Precision precision, int reach) {
    return keepPositive(StepSize.central(x, precision, stepScale()), x, reach);
  }

  /** The noise probe's step of an entry, which moves up to {@code reach} such steps. */
  double noiseStep(double x, dev.gradcheck.Precision precision, int finer, int reach) {
    return keepPositive(StepSize.noiseProbe(x, precision, finer, stepScale()), x, reach);
  }

  private double keepPositive(double step, double x, int reach) {
    if (positive && x > 0) {
      while (reach * step > x / 2 && step > Double.MIN_NORMAL) {
        step /= 2;
      }
    }
    return step;
  }

  /** Returns the multi-index label of an entry, such as {@code W[2][0]}. */
  public String label(int index) {
    return dev.gradcheck.internal.storage.MultiIndex.format(name, values.shape(), index);
  }
}
