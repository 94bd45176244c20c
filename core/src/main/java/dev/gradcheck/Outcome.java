package dev.gradcheck;

/**
 * What a whole check concluded, for a program to switch on.
 *
 * <p>When several apply, {@link CheckResult#outcome()} is the most serious, in the order declared
 * here after {@code PASSED}; {@link CheckResult#findings()} holds all of them. Every outcome but
 * {@code PASSED} fails a test.
 *
 * <pre>{@code
 * switch (result.outcome()) {
 *   case PASSED -> log.info("gradient verified");
 *   case INCOMPLETE -> log.warn("budget too small: " + result.findings());
 *   default -> throw new GradientCheckFailure(result);
 * }
 * }</pre>
 *
 * @since 0.1
 */
public enum Outcome {
  /**
   * Every parameter was verified: no broken contract, no failed entry, and at least the required
   * fraction of each parameter's entries verified (see {@link GradientCheck#minCoverage(double)}).
   */
  PASSED,
  /**
   * A contract of the forward or backward broke (nondeterministic forward, mutated parameter,
   * accumulating backward, non-finite values, ...): see {@link CheckResult#violations()}.
   */
  CONTRACT_BROKEN,
  /** Entries disagree: the analytic gradient is wrong. */
  FAILED,
  /**
   * Too little was verified to pass: the evaluation budget ran out, entries of a directional search
   * were not localized, or a parameter's verified fraction is below the minimum coverage.
   */
  INCOMPLETE,
  /** Nothing of some parameter could be verified: every entry checked was inconclusive. */
  INCONCLUSIVE;

  /**
   * Returns whether this outcome is more serious than another.
   *
   * @param other the outcome to compare with
   * @return {@code true} when this one wins over {@code other} as a check's outcome
   */
  public boolean moreSeriousThan(Outcome other) {
    return other == PASSED ? this != PASSED : this != PASSED && ordinal() < other.ordinal();
  }
}
