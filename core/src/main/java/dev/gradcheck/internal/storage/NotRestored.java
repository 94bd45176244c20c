package dev.gradcheck.internal.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Entries of one storage that could not be restored because its writes threw: which entries, the
 * values they should hold, and the failures.
 */
final class NotRestored extends CheckAborted {

  private static final long serialVersionUID = 1L;

  private final List<StorageFailure> failures;

  NotRestored(String what, List<String> labels, List<Double> values, List<StorageFailure> why) {
    super(describe(what, labels, values, why), why.isEmpty() ? null : why.get(0).getCause());
    this.failures = new ArrayList<>(why);
  }

  /** At most this many entries are listed, then how many more. */
  private static final int LISTED = 16;

  private static String describe(
      String what, List<String> labels, List<Double> values, List<StorageFailure> why) {
    StringBuilder out = new StringBuilder("could not restore ").append(what);
    if (!why.isEmpty()) {
      StorageFailure first = why.get(0);
      Throwable cause = first.getCause();
      out.append(" (its ")
          .append(first.kind())
          .append(" threw ")
          .append(cause.getClass().getSimpleName())
          .append(" from ")
          .append(first.call());
      if (cause.getMessage() != null) {
        out.append(": ").append(cause.getMessage());
      }
      out.append(')');
    }
    out.append(": ");
    int shown = Math.min(labels.size(), LISTED);
    for (int i = 0; i < shown; i++) {
      out.append(i == 0 ? "" : i == shown - 1 && shown == labels.size() ? " and " : ", ");
      out.append(labels.get(i)).append(" should hold ").append(values.get(i));
    }
    if (labels.size() > shown) {
      out.append(" and ").append(labels.size() - shown).append(" more entries");
    }
    return out.append(
            labels.size() == 1
                ? " and may still hold a perturbed value"
                : " and may still hold perturbed values")
        .toString();
  }

  /** The failures of the writes that should have restored the entries. */
  List<StorageFailure> failures() {
    return failures;
  }
}
