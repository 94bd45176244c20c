package dev.gradcheck.internal.report;

import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.text.Numbers;
import java.util.Map;

/**
 * A self-contained HTML page about one check: the facts, the diagnosis, a heat map of the error
 * over each parameter with its worst entries, and the error-versus-step curve of the worst entry.
 * Inline SVG and CSS only; no scripts, fonts or anything else from the network.
 */
public final class HtmlReport {

  private static final String STYLE =
      "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;"
          + "color:#212121;max-width:980px}"
          + "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}"
          + ".headline{font-size:15px;padding:8px 12px;border-radius:4px}"
          + ".fail{background:#ffebee;color:#b71c1c}.pass{background:#e8f5e9;color:#1b5e20}"
          + "pre{background:#f5f5f5;padding:12px;overflow:auto;font-size:12.5px}"
          + "table{border-collapse:collapse;font-size:13px}"
          + "td,th{border-bottom:1px solid #e0e0e0;padding:3px 10px;text-align:right}"
          + "td:first-child,th:first-child{text-align:left}"
          + ".tick{font-size:10px;fill:#616161}.label{font-size:12px}.slice{font-size:11px}"
          + ".legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;"
          + "vertical-align:-2px}li{margin:4px 0}";

  private HtmlReport() {}

  /**
   * Renders the page.
   *
   * @param result the check
   * @param title what was checked, such as {@code DenseLayerTest.dense [1]}
   * @param extraFacts facts to add to the text, such as how to reproduce the check
   * @return the HTML document
   */
  public static String render(CheckResult result, String title, Map<String, String> extraFacts) {
    StringBuilder html = new StringBuilder(8192);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape("gradcheck: %s".formatted(title)))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
    html.append("<h1>").append(Html.escape(title)).append("</h1>");
    String text = FactsRenderer.render(result, extraFacts);
    CheckResult declared = result;
    result = FactsRenderer.deciding(declared);
    html.append("<p class=\"headline ")
        .append(declared.passed() ? "pass" : "fail")
        .append("\">")
        .append(Html.escape(text.lines().findFirst().orElse("")))
        .append("</p>");
    if (!result.diagnoses().isEmpty() || !result.violations().isEmpty()) {
      html.append("<h2>Likely bug</h2><ul>");
      for (Diagnosis d : result.diagnoses()) {
        html.append("<li>").append(Html.escape(d.summary())).append("</li>");
      }
      for (ContractViolation v : result.violations()) {
        html.append("<li>")
            .append(Html.escape("%s: %s".formatted(v.title(), v.describe())))
            .append("</li>");
      }
      html.append("</ul>");
    }
    for (ParameterResult p : result.parameters()) {
      parameter(html, p, result.kind() == CheckKind.HESSIAN ? "Hessian" : "Jacobian");
    }
    result
        .stepCurve()
        .ifPresent(
            curve -> {
              html.append("<h2>Error against step for ")
                  .append(Html.escape(curve.label()))
                  .append("</h2><p>Blue: how far the central difference at step h lies from the")
                  .append(" numeric estimate — truncation error falls with h, rounding error")
                  .append(" rises as h shrinks. Red: how far the analytic value lies from it. A")
                  .append(" red line far above the bottom of the V is a bug in the code; a V")
                  .append(" whose bottom reaches the red line means the numerics cannot")
                  .append(" tell.</p>")
                  .append(StepPlot.svg(curve));
            });
    html.append("<h2>Facts</h2><pre>").append(Html.escape(text)).append("</pre>");
    return html.append("</body></html>").toString();
  }

  private static void parameter(StringBuilder html, ParameterResult p, String matrix) {
    html.append("<h2>")
        .append(Html.escape(p.name()))
        .append(" <small>")
        .append(Html.escape("%s %s".formatted(p.kind(), java.util.Arrays.toString(p.shape()))))
        .append(
            p.outputs() > 1
                ? Html.escape(
                    (" — its block of the %s: %s output entries (rows) × %s parameter entries"
                            + " (columns)")
                        .formatted(matrix, p.outputs(), p.size() / p.outputs()))
                : "")
        .append("</small></h2><p>");
    for (Verdict v : Verdict.values()) {
      if (p.count(v) > 0) {
        html.append(p.count(v)).append(' ').append(v.name().toLowerCase(java.util.Locale.ROOT));
        html.append(" &nbsp; ");
      }
    }
    html.append("largest relative error ")
        .append(Numbers.error(p.largestRelativeError()))
        .append("</p><p class=\"legend\"><span style=\"background:rgb(232,245,233)\"></span>")
        .append("within tolerance<span style=\"background:rgb(255,205,190)\"></span>beyond it")
        .append("<span style=\"background:rgb(180,15,15)\"></span>10⁸× beyond")
        .append("<span style=\"background:#bdbdbd\"></span>inconclusive")
        .append("<span style=\"background:#90caf9\"></span>kink</p>")
        .append(HeatMap.svg(p));
    html.append("<table><tr><th>entry</th><th>verdict</th><th>analytic</th><th>numeric</th>")
        .append("<th>± error</th><th>relative error</th></tr>");
    for (EntryResult e : p.worst(5)) {
      html.append(
          "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
              .formatted(
                  Html.escape(e.label()),
                  e.verdict(),
                  Html.escape(Numbers.value(e.analytic())),
                  Html.escape(Numbers.value(e.numeric())),
                  Numbers.error(e.numericError()),
                  Numbers.error(e.relativeError())));
    }
    html.append("</table>");
  }
}
