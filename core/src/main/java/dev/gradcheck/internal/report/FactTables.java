package dev.gradcheck.internal.report;

import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.text.Numbers;
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
              "analytic %s".formatted(analytic.get(i)),
              "numeric %s ± %s".formatted(numeric.get(i), Numbers.error(e.numericError())),
              "relative %s".formatted(Numbers.error(e.relativeError())),
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
          counts.add("%d %s".formatted(n, v.toString().toLowerCase(java.util.Locale.ROOT)));
        }
      }
      String coverage =
          p.coveredByDirections() > 0
              ? "%s along directions, %s alone%s"
                  .formatted(p.coveredByDirections(), p.checked(), counts.isEmpty() ? "" : ": ")
              : p.outputs() > 1
                  ? "%s of %s×%s matrix entries checked: "
                      .formatted(p.checked(), p.outputs(), p.size() / p.outputs())
                  : "%s checked: ".formatted(p.checked());
      if (p.coarse() > 0) {
        counts.add("%s of the passes coarse".formatted(p.coarse()));
      }
      if (p.unchecked() > 0) {
        counts.add("%s unchecked".formatted(p.unchecked()));
      }
      rows.add(
          List.of(
              p.name(),
              "%s %s".formatted(p.kind(), shapeText(p.shape())),
              coverage + String.join(", ", counts),
              p.count(Verdict.PASS) + p.count(Verdict.FAIL) == 0
                  ? "no entry compared"
                  : "largest relative error %s"
                      .formatted(Numbers.error(p.largestRelativeError()))));
    }
    return Facts.table(rows);
  }

  static String shapeText(int[] shape) {
    return String.join("×", Arrays.stream(shape).mapToObj(Integer::toString).toList());
  }
}
