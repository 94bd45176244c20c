package dev.gradcheck.samples.demo;

import java.util.List;
import java.util.Locale;

/** The demo's HTML page: loss curves of every variant, and what gradcheck said of each. */
final class DemoPage {

  private static final String[] COLOURS = {
    "#2e7d32", "#c62828", "#ef6c00", "#6a1b9a", "#1565c0", "#00838f", "#5d4037"
  };
  private static final int WIDTH = 720;
  private static final int HEIGHT = 360;
  private static final int LEFT = 56;
  private static final int BOTTOM = 36;
  private static final int TOP = 12;
  private static final int RIGHT = 12;

  private DemoPage() {}

  static String render(List<Variant> variants, String setup, String finding) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>gradcheck demo: does a wrong gradient still train?</title><style>")
        .append("body{font:14px/1.45 system-ui,sans-serif;margin:24px;max-width:980px;")
        .append("color:#212121}table{border-collapse:collapse}td,th{padding:4px 10px;")
        .append("border-bottom:1px solid #e0e0e0;text-align:left}.num{text-align:right}")
        .append(".tick{font-size:10px;fill:#616161}.fail{color:#b71c1c}.pass{color:#1b5e20}")
        .append("</style></head><body><h1>Does a wrong gradient still train?</h1><p>")
        .append(escape(setup))
        .append("</p><p><strong>")
        .append(escape(finding))
        .append("</strong> Note that Adam divides each gradient by its own running scale, so a")
        .append(" constant factor such as ×0.5 leaves its training unchanged.</p>");
    html.append(curves(variants));
    html.append("<table><tr><th></th><th>variant</th><th class=\"num\">final loss</th>")
        .append("<th class=\"num\">accuracy</th><th>gradcheck</th></tr>");
    for (int v = 0; v < variants.size(); v++) {
      Variant variant = variants.get(v);
      html.append("<tr><td><span style=\"color:")
          .append(COLOURS[v % COLOURS.length])
          .append("\">■</span></td><td>")
          .append(escape(variant.bug().description()))
          .append("</td><td class=\"num\">")
          .append(String.format(Locale.ROOT, "%.4f", variant.training().finalLoss()))
          .append("</td><td class=\"num\">")
          .append(String.format(Locale.ROOT, "%.1f%%", 100 * variant.training().accuracy()))
          .append("</td><td class=\"")
          .append(variant.check().passed() ? "pass" : "fail")
          .append("\"><a href=\"")
          .append(escape(variant.report()))
          .append("\">")
          .append(escape(variant.verdict()))
          .append("</a></td></tr>");
    }
    return html.append("</table></body></html>").toString();
  }

  private static String curves(List<Variant> variants) {
    double top = Double.NEGATIVE_INFINITY;
    double bottom = Double.POSITIVE_INFINITY;
    int steps = 0;
    for (Variant v : variants) {
      for (double loss : v.training().losses()) {
        if (loss > 0 && Double.isFinite(loss)) {
          top = Math.max(top, Math.log10(loss));
          bottom = Math.min(bottom, Math.log10(loss));
        }
      }
      steps = Math.max(steps, v.training().losses().length - 1);
    }
    top = Math.ceil(top);
    bottom = Math.floor(bottom);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">", WIDTH, HEIGHT));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#9e9e9e\"/>",
            LEFT,
            TOP,
            WIDTH - LEFT - RIGHT,
            HEIGHT - TOP - BOTTOM));
    for (double d = bottom; d <= top; d++) {
      double y = y(d, bottom, top);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eeeeee\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">1e%d</text>",
              LEFT,
              WIDTH - RIGHT,
              y,
              y,
              LEFT - 4,
              y + 4,
              (int) d));
    }
    for (int s = 0; s <= steps; s += Math.max(1, steps / 5)) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%d</text>",
              x(s, steps),
              HEIGHT - BOTTOM + 14,
              s));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">Adam step</text>",
            LEFT + (WIDTH - LEFT - RIGHT) / 2,
            HEIGHT - 6));
    for (int v = 0; v < variants.size(); v++) {
      double[] losses = variants.get(v).training().losses();
      StringBuilder path = new StringBuilder();
      int every = Math.max(1, losses.length / 400);
      for (int s = 0; s < losses.length; s += every) {
        if (!(losses[s] > 0) || !Double.isFinite(losses[s])) {
          break;
        }
        path.append(path.length() == 0 ? "M" : " L")
            .append(
                String.format(
                    Locale.ROOT, "%.1f,%.1f", x(s, steps), y(Math.log10(losses[s]), bottom, top)));
      }
      svg.append("<path d=\"")
          .append(path)
          .append("\" fill=\"none\" stroke-width=\"1.5\" stroke=\"")
          .append(COLOURS[v % COLOURS.length])
          .append("\"><title>")
          .append(escape(variants.get(v).bug().description()))
          .append("</title></path>");
    }
    return svg.append("</svg>").toString();
  }

  private static double x(int step, int steps) {
    return LEFT + (double) step / Math.max(1, steps) * (WIDTH - LEFT - RIGHT);
  }

  private static double y(double decade, double bottom, double top) {
    return TOP + (top - decade) / Math.max(1e-9, top - bottom) * (HEIGHT - TOP - BOTTOM);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
