package dev.gradcheck.internal.report;

import dev.gradcheck.CheckResult;
import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The numeric and analytic gradients of the failing parameters as text, one entry per line, for a
 * failure's expected and actual values: an IDE's diff view then lines the disagreeing entries up.
 * Entries that did not fail show the numeric value on both sides, so only failing ones differ.
 */
public final class EntryDiff {

  /** Entries listed per parameter; the facts name the worst ones anyway. */
  private static final int LIMIT = 200;

  private EntryDiff() {}

  /**
   * The numeric side.
   *
   * @param result a result
   * @return one line per entry of each failing parameter, failing entries first
   */
  public static String expected(CheckResult result) {
    return lines(result, true);
  }

  /**
   * The analytic side.
   *
   * @param result a result
   * @return the same lines with the failing entries' analytic values
   */
  public static String actual(CheckResult result) {
    return lines(result, false);
  }

  private static String lines(CheckResult declared, boolean numeric) {
    CheckResult result = FactsRenderer.deciding(declared);
    StringBuilder out = new StringBuilder();
    for (ParameterResult p : result.parameters()) {
      if (p.ok()) {
        continue;
      }
      List<EntryResult> ordered = new ArrayList<>(p.entries());
      ordered.sort(Comparator.comparing((EntryResult e) -> e.verdict() != Verdict.FAIL));
      int listed = 0;
      for (EntryResult e : ordered) {
        if (listed++ == LIMIT) {
          out.append("...\n");
          break;
        }
        // Values in the reports' format; a failing pair in enough digits to tell them apart.
        String value =
            e.verdict() != Verdict.FAIL
                ? Numbers.value(e.numeric())
                : Numbers.distinct(e.numeric(), e.analytic())[numeric ? 0 : 1];
        out.append(e.label()).append(" = ").append(value).append('\n');
      }
    }
    return out.toString();
  }
}
