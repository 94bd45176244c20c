package dev.gradcheck.internal.run;

import dev.gradcheck.CheckMode;

/**
 * How a check decides.
 *
 * @param seed the seed of every random choice
 * @param relativeTolerance user-set relative tolerance, NaN when unset
 * @param absoluteTolerance user-set absolute tolerance, NaN when unset
 * @param traceWorstEntry whether to trace the worst entry's step curve also when the check passes
 * @param mode how entries are visited
 * @param maxEvaluations the evaluation budget; entries not reached are left unchecked
 * @param minCoverage the least fraction of each parameter's entries that must be verified
 * @param repeatTolerance the relative difference between repeated calls at the declared point still
 *     taken as the same (0: bit for bit for the forward, 64 ulp for the backward)
 * @param negated whether the user's code returns the negative derivative, by declared convention
 */
public record Settings(
    long seed,
    double relativeTolerance,
    double absoluteTolerance,
    boolean traceWorstEntry,
    CheckMode mode,
    long maxEvaluations,
    double minCoverage,
    double repeatTolerance,
    boolean negated) {

  /** The sign the user's derivatives are read with: -1 for a declared negative derivative. */
  public double derivativeSign() {
    return negated ? -1 : 1;
  }

  /** Whether the user overrode the estimated tolerance. */
  public boolean userTolerance() {
    return !Double.isNaN(relativeTolerance) || !Double.isNaN(absoluteTolerance);
  }
}
