package dev.gradcheck;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The check of one declared parameter: every entry's result, with counts and the largest errors.
 *
 * <pre>{@code
 * ParameterResult w = result.parameter("W");
 * System.out.println(w.count(Verdict.FAIL) + " of " + w.size() + " wrong, worst " + w.worst(1));
 * }</pre>
 */
public final class ParameterResult {

  private final String name;
  private final String kind;
  private final int[] shape;
  private final List<EntryResult> entries;
  private final int size;
  private final int coveredByDirections;
  private final int unresolved;

  /**
   * Creates the result of a parameter whose every entry was checked on its own.
   *
   * @param name the declared name
   * @param kind the storage type, such as {@code double[][]}
   * @param shape the shape
   * @param entries the entries checked, in index order
   */
  public ParameterResult(String name, String kind, int[] shape, List<EntryResult> entries) {
    this(name, kind, shape, entries, 0);
  }

  /**
   * Creates a result.
   *
   * @param name the declared name
   * @param kind the storage type, such as {@code double[][]}
   * @param shape the shape
   * @param entries the entries checked on their own, in index order
   * @param coveredByDirections how many further entries were verified only as part of a random
   *     direction that agreed with the analytic gradient
   */
  public ParameterResult(
      String name, String kind, int[] shape, List<EntryResult> entries, int coveredByDirections) {
    this(name, kind, shape, entries, coveredByDirections, 0);
  }

  /**
   * Creates a result of a directional search that may have stopped at its limit.
   *
   * @param name the declared name
   * @param kind the storage type, such as {@code double[][]}
   * @param shape the shape
   * @param entries the entries checked on their own, in index order
   * @param coveredByDirections how many further entries were verified along agreeing directions
   * @param unresolved how many entries lie in directions that disagree but were not localized
   *     before the search reached its limit of entries judged alone
   */
  public ParameterResult(
      String name,
      String kind,
      int[] shape,
      List<EntryResult> entries,
      int coveredByDirections,
      int unresolved) {
    this.name = name;
    this.kind = kind;
    this.shape = shape.clone();
    this.entries = List.copyOf(entries);
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    this.size = n;
    this.coveredByDirections = coveredByDirections;
    this.unresolved = unresolved;
  }

  /**
   * Returns the number of entries the parameter has.
   *
   * @return the product of the shape's dimensions
   */
  public int size() {
    return size;
  }

  /**
   * Returns how many entries were verified only as part of a random direction along which the
   * analytic and numeric directional derivatives agree (see {@link CheckMode#DIRECTIONAL}).
   *
   * @return the number of entries verified along directions
   */
  public int coveredByDirections() {
    return coveredByDirections;
  }

  /**
   * Returns how many entries lie in random directions that disagree with the analytic gradient but
   * were not localized: the directional search reached its limit of entries judged alone. A check
   * with unresolved entries does not pass; {@link CheckMode#EXHAUSTIVE} resolves them.
   *
   * @return the number of unresolved entries
   */
  public int unresolved() {
    return unresolved;
  }

  /**
   * Returns how many entries were not reached because the evaluation budget ran out.
   *
   * @return the number of entries neither checked, covered nor unresolved
   */
  public int unchecked() {
    return size - entries.size() - coveredByDirections - unresolved;
  }

  /**
   * Returns how many entries were verified, on their own or along agreeing directions.
   *
   * @return the number of {@code PASS} and {@code KINK} entries plus those covered by directions
   */
  public int verified() {
    return count(Verdict.PASS) + count(Verdict.KINK) + coveredByDirections;
  }

  /**
   * Returns the declared name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the storage type, such as {@code double[][]} or {@code RealMatrix}.
   *
   * @return the storage type
   */
  public String kind() {
    return kind;
  }

  /**
   * Returns the shape, outermost first.
   *
   * @return a copy of the shape
   */
  public int[] shape() {
    return shape.clone();
  }

  /**
   * Returns the results of the entries checked, in index order.
   *
   * @return an unmodifiable list of the entries' results
   */
  public List<EntryResult> entries() {
    return entries;
  }

  /**
   * Returns how many entries were checked.
   *
   * @return the number of entries checked on their own
   */
  public int checked() {
    return entries.size();
  }

  /**
   * Returns how many entries received the given verdict.
   *
   * @param verdict the verdict to count
   * @return the number of entries with that verdict
   */
  public int count(Verdict verdict) {
    return (int) entries.stream().filter(e -> e.verdict() == verdict).count();
  }

  /**
   * Returns whether no entry failed.
   *
   * @return {@code true} when no entry has the verdict {@code FAIL}
   */
  public boolean ok() {
    return count(Verdict.FAIL) == 0;
  }

  /**
   * Returns the largest {@code |analytic - numeric|} over entries that passed or failed.
   *
   * @return the largest absolute error, or zero when no entry passed or failed
   */
  public double largestAbsoluteError() {
    return entries.stream()
        .filter(e -> e.verdict() == Verdict.PASS || e.verdict() == Verdict.FAIL)
        .mapToDouble(EntryResult::absoluteError)
        .max()
        .orElse(0);
  }

  /**
   * Returns the largest relative error over entries that passed or failed.
   *
   * @return the largest relative error, or zero when no entry passed or failed
   */
  public double largestRelativeError() {
    return entries.stream()
        .filter(e -> e.verdict() == Verdict.PASS || e.verdict() == Verdict.FAIL)
        .mapToDouble(EntryResult::relativeError)
        .max()
        .orElse(0);
  }

  /**
   * Returns up to {@code limit} entries ordered from the furthest beyond its tolerance.
   *
   * @param limit the most entries to return
   * @return the worst entries, failures first
   */
  public List<EntryResult> worst(int limit) {
    return entries.stream()
        .sorted(
            Comparator.comparing((EntryResult e) -> e.verdict() != Verdict.FAIL)
                .thenComparing(Comparator.comparingDouble(EntryResult::excess).reversed()))
        .limit(limit)
        .toList();
  }

  @Override
  public String toString() {
    return name
        + Arrays.toString(shape)
        + ": "
        + count(Verdict.PASS)
        + " pass, "
        + count(Verdict.FAIL)
        + " fail, "
        + count(Verdict.INCONCLUSIVE)
        + " inconclusive, "
        + count(Verdict.KINK)
        + " kink";
  }
}
