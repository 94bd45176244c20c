package dev.gradcheck;

/**
 * What the check concluded about one entry of a gradient.
 *
 * <pre>{@code
 * long wrong = result.count(Verdict.FAIL);
 * boolean ok = entry.verdict().verified(); // PASS or KINK
 * }</pre>
 */
public enum Verdict {
  /** The analytic value agrees with the numeric derivative within its error estimate. */
  PASS,
  /** The analytic value disagrees with the numeric derivative beyond any numerical error. */
  FAIL,
  /**
   * The numerics cannot resolve this entry, for example because the function is too noisy or the
   * parameter cannot be perturbed; {@link EntryResult#note()} says why. Neither pass nor fail.
   */
  INCONCLUSIVE,
  /**
   * The function has a kink here (its one-sided derivatives differ) and the analytic value lies
   * between them, as a valid subgradient does. A subgradient outside that bracket is a {@link
   * #FAIL}.
   */
  KINK;

  /**
   * Returns whether this verdict confirms the analytic value: {@code PASS} or {@code KINK}.
   *
   * @return {@code true} for {@code PASS} and {@code KINK}
   */
  public boolean verified() {
    return this == PASS || this == KINK;
  }
}
