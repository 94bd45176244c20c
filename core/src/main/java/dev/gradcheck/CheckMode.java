package dev.gradcheck;

/**
 * How the entries of the declared parameters are visited.
 *
 * <pre>{@code
 * GradientCheck.create().mode(CheckMode.DIRECTIONAL).maxEvaluations(2_000)...
 * }</pre>
 */
public enum CheckMode {
  /**
   * {@link #EXHAUSTIVE} when the parameters hold at most 2,048 entries in all (a limit that may
   * change as the search improves), {@link #DIRECTIONAL} above. The default.
   */
  AUTO,
  /** Every entry is checked on its own: about four evaluations per entry, more where needed. */
  EXHAUSTIVE,
  /**
   * Each parameter is checked along two random directions at once; a direction that disagrees is
   * split in halves, recursively, until the wrong entries are found and checked on their own. A
   * 50,000-entry parameter with one wrong entry costs a few hundred evaluations.
   */
  DIRECTIONAL;
}
