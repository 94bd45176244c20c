package dev.gradcheck;

import java.util.List;

/**
 * The check of one declared parameter: every entry's result, how much of the parameter the check
 * covered, and the largest errors. Built by the check; users only read it.
 *
 * <p>Every entry is counted exactly once: {@link #checked()} on its own (each with a {@link
 * Verdict}), {@link #coveredByDirections()} along agreeing random directions, {@link #unresolved()}
 * in disagreeing directions not localized, or {@link #unchecked()} when the budget ran out.
 *
 * <pre>{@code
 * ParameterResult w = result.parameter("W");
 * System.out.println(w.count(Verdict.FAIL) + " of " + w.size() + " wrong, worst " + w.worst(1));
 * System.out.printf("%.0f%% verified%n", 100 * w.coverage());
 * }</pre>
 *
 * @since 0.1
 */
public interface ParameterResult {

  /**
   * Returns the declared name.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the storage type, such as {@code double[][]} or {@code RealMatrix}.
   *
   * @return the storage type
   */
  String kind();

  /**
   * Returns the shape, outermost first.
   *
   * @return a copy of the shape
   */
  int[] shape();

  /**
   * Returns the number of derivative entries checked for the parameter: its own entries for a
   * gradient, times the output entries for a Jacobian.
   *
   * @return the product of the shape's dimensions, times {@link #outputs()}
   */
  int size();

  /**
   * Returns how many output entries each parameter entry has a derivative for: 1 for a gradient or
   * vector-Jacobian product, the output's size for a Jacobian.
   *
   * @return the number of rows of the parameter's block of the Jacobian
   * @since 0.1
   */
  int outputs();

  /**
   * Returns the results of the entries checked on their own, in index order.
   *
   * @return an unmodifiable list of the entries' results
   */
  List<EntryResult> entries();

  /**
   * Returns how many entries were checked on their own.
   *
   * @return the size of {@link #entries()}
   */
  int checked();

  /**
   * Returns how many entries checked on their own received the given verdict.
   *
   * @param verdict the verdict to count
   * @return the number of entries with that verdict
   */
  int count(Verdict verdict);

  /**
   * Returns how many entries were verified only as part of a random direction along which the
   * analytic and numeric directional derivatives agree (see {@link CheckMode#DIRECTIONAL}).
   *
   * @return the number of entries covered by agreeing directions
   */
  int coveredByDirections();

  /**
   * Returns how many entries lie in random directions that disagree with the analytic gradient but
   * were not localized: the directional search reached its limit of entries judged alone. A check
   * with unresolved entries does not pass; {@link CheckMode#EXHAUSTIVE} resolves them.
   *
   * @return the number of unresolved entries
   */
  int unresolved();

  /**
   * Returns how many entries were not reached because the evaluation budget ran out.
   *
   * @return the number of entries neither checked, covered nor unresolved
   */
  int unchecked();

  /**
   * Returns how many entries were verified: {@code PASS} entries pinned at least as finely as the
   * default resolution ({@link EntryResult#resolution()}), {@code KINK} entries, and entries
   * covered by agreeing directions.
   *
   * @return the number of verified entries
   */
  int verified();

  /**
   * Returns how many entries passed, but only at a resolution coarser than the default one for
   * their precision ({@code 1e-4} relative in double, {@code 5e-2} in float): they agree within
   * what the numerics could measure, which is too coarse to call them verified. They count against
   * {@link #coverage()}. Under a user's tolerance no pass is coarse: that tolerance says how close
   * is close enough.
   *
   * @return the number of coarse passes
   * @since 0.1
   */
  int coarse();

  /**
   * Returns the fraction of the parameter's entries that were verified.
   *
   * @return {@link #verified()} over {@link #size()}; 1 for a parameter without entries
   * @since 0.1
   */
  double coverage();

  /**
   * Returns whether the function does not depend on this parameter at the checked point: every
   * entry checked has an analytic value of exactly zero and a function that did not change at all
   * under any step. Such entries pass (exact agreement), but the check proved little about the
   * parameter; more points may help, and a forward that reads a copy of the declared array while
   * the backward writes a new object looks exactly like this.
   *
   * @return {@code true} when every checked entry is flat
   * @since 0.1
   */
  boolean flat();

  /**
   * Returns whether no entry failed.
   *
   * @return {@code true} when no entry has the verdict {@code FAIL}
   */
  boolean ok();

  /**
   * Returns the largest {@code |analytic - numeric|} over entries that passed or failed.
   *
   * @return the largest absolute error, or zero when no entry passed or failed
   */
  double largestAbsoluteError();

  /**
   * Returns the largest relative error over entries that passed or failed.
   *
   * @return the largest relative error, or zero when no entry passed or failed
   */
  double largestRelativeError();

  /**
   * Returns up to {@code limit} entries ordered from the furthest beyond its tolerance.
   *
   * @param limit the most entries to return
   * @return the worst entries, failures first
   */
  List<EntryResult> worst(int limit);
}
