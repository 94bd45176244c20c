package dev.gradcheck.internal.run;

/**
 * How a check decides.
 *
 * @param seed the seed of every random choice
 * @param relativeTolerance user-set relative tolerance, NaN when unset
 * @param absoluteTolerance user-set absolute tolerance, NaN when unset
 * @param traceWorstEntry whether to trace the worst entry's step curve also when the check passes
 */
public record Settings(
    long seed, double relativeTolerance, double absoluteTolerance, boolean traceWorstEntry) {

  /** Whether the user overrode the estimated tolerance. */
  public boolean userTolerance() {
    return !Double.isNaN(relativeTolerance) || !Double.isNaN(absoluteTolerance);
  }
}
