package dev.gradcheck.internal.result;

import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import java.util.Arrays;
import java.util.List;

/**
 * The result of one parameter.
 *
 * @param name the declared name
 * @param kind the storage type, such as {@code double[][]}
 * @param shape the shape
 * @param entries the entries checked on their own, in index order
 * @param coveredByDirections entries verified only along agreeing directions
 * @param unresolved entries in disagreeing directions that were not localized
 * @param coarseLimit the relative resolution above which a pass is coarse
 * @param outputs the output entries each parameter entry has a derivative for: 1 for a gradient
 */
public record DefaultParameterResult(
    String name,
    String kind,
    int[] shape,
    List<EntryResult> entries,
    int coveredByDirections,
    int unresolved,
    double coarseLimit,
    int outputs)
    implements ParameterResult {

  /** Copies the mutable components. */
  public DefaultParameterResult {
    shape = shape.clone();
    entries = List.copyOf(entries);
  }

  /**
   * The result of a gradient's entries: one derivative per parameter entry.
   *
   * @param name the parameter's declared name
   * @param kind the parameter's storage kind
   * @param shape the parameter's shape
   * @param entries the entries judged on their own
   * @param coveredByDirections entries verified by directional checks alone
   * @param unresolved entries left unresolved by a directional search
   * @param coarseLimit the resolution above which a pass is coarse
   */
  public DefaultParameterResult(
      String name,
      String kind,
      int[] shape,
      List<EntryResult> entries,
      int coveredByDirections,
      int unresolved,
      double coarseLimit) {
    this(name, kind, shape, entries, coveredByDirections, unresolved, coarseLimit, 1);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public int size() {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n * outputs;
  }

  @Override
  public int checked() {
    return entries.size();
  }

  @Override
  public int count(Verdict verdict) {
    return (int) entries.stream().filter(e -> e.verdict() == verdict).count();
  }

  @Override
  public int unchecked() {
    return size() - entries.size() - coveredByDirections - unresolved;
  }

  @Override
  public int coarse() {
    return (int) entries.stream().filter(this::isCoarse).count();
  }

  private boolean isCoarse(EntryResult e) {
    return e.verdict() == Verdict.PASS && !(e.resolution() <= coarseLimit);
  }

  @Override
  public int verified() {
    return count(Verdict.PASS) - coarse() + count(Verdict.KINK) + coveredByDirections;
  }

  @Override
  public double coverage() {
    return size() == 0 ? 1 : (double) verified() / size();
  }

  @Override
  public boolean flat() {
    return !entries.isEmpty() && entries.stream().allMatch(EntryResult::flat);
  }

  @Override
  public boolean ok() {
    return count(Verdict.FAIL) == 0;
  }

  @Override
  public double largestAbsoluteError() {
    return entries.stream()
        .filter(e -> e.verdict() == Verdict.PASS || e.verdict() == Verdict.FAIL)
        .mapToDouble(EntryResult::absoluteError)
        .max()
        .orElse(0);
  }

  @Override
  public double largestRelativeError() {
    return entries.stream()
        .filter(e -> e.verdict() == Verdict.PASS || e.verdict() == Verdict.FAIL)
        .mapToDouble(EntryResult::relativeError)
        .max()
        .orElse(0);
  }

  @Override
  public List<EntryResult> worst(int limit) {
    return entries.stream().sorted(WorstFirst.ORDER).limit(limit).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DefaultParameterResult p
        && name.equals(p.name)
        && kind.equals(p.kind)
        && Arrays.equals(shape, p.shape)
        && entries.equals(p.entries)
        && coveredByDirections == p.coveredByDirections
        && unresolved == p.unresolved
        && Double.compare(coarseLimit, p.coarseLimit) == 0
        && outputs == p.outputs;
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "%s%s: %d pass, %d fail, %d inconclusive, %d kink"
        .formatted(
            name,
            Arrays.toString(shape),
            count(Verdict.PASS),
            count(Verdict.FAIL),
            count(Verdict.INCONCLUSIVE),
            count(Verdict.KINK));
  }
}
