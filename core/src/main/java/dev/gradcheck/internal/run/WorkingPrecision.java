package dev.gradcheck.internal.run;

import dev.gradcheck.Precision;
import java.util.List;

/** The precision a check's values are computed in: per parameter, and for the whole check. */
final class WorkingPrecision {

  private WorkingPrecision() {}

  /**
   * Noise between these fractions of the value is the rounding of a float computation, whatever
   * types the forward is declared with: a double computation's is near 1e-16, and noise beyond
   * float's rounding (a badly scaled step, an inner solver's tolerance) is real noise, which does
   * not make the entry's precision coarser.
   */
  private static final double FLOAT_NOISE_LOW = 1e-9;

  private static final double FLOAT_NOISE_HIGH = 1e-6;

  /**
   * The precision the forward computes a parameter's entries in: the coarser of the output's and
   * the parameter's own (its gradient's, for the analytic side), and float when the noise probe
   * along this parameter sees noise of float's rounding (a forward that casts to float). Other
   * parameters' precisions do not enter: a float parameter elsewhere does not blunt a double one.
   */
  static Precision of(
      Objective objective, List<Declared> parameters, int p, NoiseLevel noise, double f0) {
    Precision compute = objective.precision().coarser(parameters.get(p).values().precision());
    double relative = noise.sigma() / Math.abs(f0);
    if (relative > FLOAT_NOISE_LOW && relative <= FLOAT_NOISE_HIGH) {
      compute = compute.coarser(Precision.FLOAT);
    }
    return compute;
  }

  /** The working precision of the whole check: the coarsest of the output's and the parameters'. */
  static Precision ofCheck(Objective objective, List<Declared> parameters) {
    Precision compute = objective.precision();
    for (Declared d : parameters) {
      compute = compute.coarser(d.values().precision());
    }
    return compute;
  }
}
