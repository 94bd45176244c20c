package dev.gradcheck.internal.report;

import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The tables of a report: the worst entries, and every parameter's counts. */
final class FactTables {

  private FactTables() {}

  static List<String> entryTable(List<EntryResult> entries) {
    List<String> analytic =
        Facts.alignDecimals(entries.stream().map(e -> Numbers.value(e.analytic())).toList());
    List<String> numeric =
        Facts.alignDecimals(entries.stream().map(e -> Numbers.value(e.numeric())).toList());
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      EntryResult e = entries.get(i);
      rows.add(
          List.of(
              e.label(),
              "analytic " + analytic.get(i),
              "numeric " + numeric.get(i) + " ± " + Numbers.error(e.numericError()),
              "relative " + Numbers.error(e.relativeError()),
              e.verdict().toString()));
    }
    return Facts.table(rows);
  }

  static List<String> parameterTable(List<ParameterResult> parameters) {
    List<List<String>> rows = new ArrayList<>();
    for (ParameterResult p : parameters) {
      List<String> counts = new ArrayList<>();
      for (Verdict v : Verdict.values()) {
        int n = p.count(v);
        if (n > 0) {
          counts.add(n + " " + v.toString().toLowerCase(java.util.Locale.ROOT));
        }
      }
      String coverage =
          p.coveredByDirections() > 0
              ? p.coveredByDirections()
                  + " along directions, "
                  + p.checked()
                  + " alone"
                  + (counts.isEmpty() ? "" : ": ")
              : p.outputs() > 1
                  ? p.checked()
                      + " of "
                      + p.outputs()
                      + "×"
                      + p.size() / p.outputs()
                      + " matrix entries checked: "
                  : p.checked() + " checked: ";
      if (p.coarse() > 0) {
        counts.add(p.coarse() + " of the passes coarse");
      }
      if (p.unchecked() > 0) {
        counts.add(p.unchecked() + " unchecked");
      }
      rows.add(
          List.of(
              p.name(),
              p.kind() + " " + shapeText(p.shape()),
              coverage + String.join(", ", counts),
              p.count(Verdict.PASS) + p.count(Verdict.FAIL) == 0
                  ? "no entry compared"
                  : "largest relative error " + Numbers.error(p.largestRelativeError())));
    }
    return Facts.table(rows);
  }

  static String shapeText(int[] shape) {
    return String.join("×", Arrays.stream(shape).mapToObj(Integer::toString).toList());
  }
}
