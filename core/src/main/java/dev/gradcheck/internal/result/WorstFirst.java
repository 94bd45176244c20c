package dev.gradcheck.internal.result;

import dev.gradcheck.EntryResult;
import dev.gradcheck.Verdict;
import java.util.Comparator;

/** The order of entries from the worst: failures first, then by how far beyond tolerance. */
public final class WorstFirst {

  /** Failures first, then the largest {@link EntryResult#excess()} first. */
  public static final Comparator<EntryResult> ORDER =
      Comparator.comparing((EntryResult e) -> e.verdict() != Verdict.FAIL)
          .thenComparing(Comparator.comparingDouble(EntryResult::excess).reversed());

  private WorstFirst() {}
}
