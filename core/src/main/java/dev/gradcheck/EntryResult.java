package dev.gradcheck;

import java.util.OptionalInt;

/**
 * The check of one gradient entry. Built by the check; users only read it.
 *
 * <pre>{@code
 * for (EntryResult e : result.parameter("W").entries()) {
 *   if (e.verdict() == Verdict.FAIL) {
 *     System.out.println(e.label() + ": " + e.analytic() + " vs " + e.numeric());
 *   }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface EntryResult {

  /**
   * Returns the parameter's declared name.
   *
   * @return the name
   */
  String parameter();

  /**
   * Returns the flat, row-major index of the parameter entry.
   *
   * @return the index
   */
  int index();

  /**
   * Returns the flat, row-major index of the output entry of a Jacobian entry {@code ∂output[i] /
   * ∂parameter[index]}; empty for a gradient or vector-Jacobian product entry.
   *
   * @return the output entry's index, if the entry is one of a Jacobian
   * @since 0.1
   */
  OptionalInt output();

  /**
   * Returns the entry's multi-index, such as {@code W[2][0]}.
   *
   * @return the label
   */
  String label();

  /**
   * Returns the user's gradient value.
   *
   * @return the analytic value
   */
  double analytic();

  /**
   * Returns the numeric derivative.
   *
   * @return the numeric value, NaN when none could be computed
   */
  double numeric();

  /**
   * Returns the estimated absolute error of {@link #numeric()}.
   *
   * @return the error estimate, NaN when none could be computed
   */
  double numericError();

  /**
   * Returns the largest {@code |analytic - numeric|} that passes.
   *
   * @return the allowed difference, NaN when none could be computed
   */
  double allowed();

  /**
   * Returns the left one-sided derivative, measured only when the entry needed refinement.
   *
   * @return the left derivative, or NaN
   */
  double left();

  /**
   * Returns the right one-sided derivative, measured only when the entry needed refinement.
   *
   * @return the right derivative, or NaN
   */
  double right();

  /**
   * Returns the verdict.
   *
   * @return the verdict
   */
  Verdict verdict();

  /**
   * Returns whether the function has a kink at this entry: its one-sided derivatives stay apart as
   * the step shrinks. True for every {@link Verdict#KINK}, and for a {@code FAIL} or {@code
   * INCONCLUSIVE} whose analytic value lies outside the one-sided derivatives.
   *
   * @return {@code true} at a kink
   * @since 0.1
   */
  boolean atKink();

  /**
   * Returns whether the entry is exactly flat: its analytic value is zero and the function did not
   * change at all under any step (a dead ReLU, the flat side of a hinge). Such an entry passes on
   * exact agreement.
   *
   * @return {@code true} for an exactly flat entry
   * @since 0.1
   */
  boolean flat();

  /**
   * Returns the relative resolution the entry was checked to: the allowed difference over the
   * entry's magnitude. A {@code PASS} means the analytic value is right to about this fraction.
   *
   * @return the relative bound, 0 for an exactly flat entry, NaN when nothing was measured
   * @since 0.1
   */
  double resolution();

  /**
   * Returns why an entry is inconclusive, at a kink or failed there, in words.
   *
   * @return the note, empty otherwise
   */
  String note();

  /**
   * Returns the parameter entry's value at the declared point.
   *
   * @return the value, NaN when not recorded
   */
  double value();

  /**
   * Returns {@code |analytic - numeric|}.
   *
   * @return the absolute error, NaN when either value is NaN
   */
  double absoluteError();

  /**
   * Returns {@code |analytic - numeric| / max(|analytic|, |numeric|)}, zero when both are zero.
   *
   * @return the relative error
   */
  double relativeError();

  /**
   * Returns how far the disagreement exceeds what passes: above 1 means beyond the tolerance.
   *
   * @return {@code |analytic - numeric| / allowed}; when {@code numeric} is NaN, infinity for a
   *     {@code FAIL} and zero otherwise
   */
  double excess();
}
