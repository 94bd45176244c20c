package dev.gradcheck.internal.report;

import dev.gradcheck.StepCurve;
import dev.gradcheck.internal.text.Numbers;
import java.util.Locale;

/**
 * An SVG log-log plot of a step curve: {@code |central difference(h) - numeric|} against the step
 * {@code h} (the V of truncation and rounding error), with the analytic value's disagreement {@code
 * |analytic - numeric|} as a horizontal line. A line far above the V's bottom means the code is
 * wrong; a V whose bottom reaches the line means the numerics cannot tell.
 */
final class StepPlot {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 320;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 44;

  private StepPlot() {}

  static String svg(StepCurve curve) {
    double floor = floor(curve);
    double line = Math.log10(Math.max(floor, Math.abs(curve.analytic() - curve.numeric())));
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = line;
    double yMax = line;
    for (StepCurve.Point p : curve.points()) {
      double x = Math.log10(p.step());
      double y = Math.log10(Math.max(floor, Math.abs(p.derivative() - curve.numeric())));
      xMin = Math.min(xMin, x);
      xMax = Math.max(xMax, x);
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
    }
    if (!(xMax > xMin)) {
      xMin -= 1;
      xMax += 1;
    }
    yMin = Math.floor(yMin);
    yMax = Math.ceil(yMax + 0.01);
    Axes axes = new Axes(Math.floor(xMin), Math.ceil(xMax), yMin, yMax);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">", WIDTH, HEIGHT));
    axes.draw(svg);
    StringBuilder path = new StringBuilder();
    for (StepCurve.Point p : curve.points()) {
      double x = axes.x(Math.log10(p.step()));
      double y = axes.y(Math.log10(Math.max(floor, Math.abs(p.derivative() - curve.numeric()))));
      path.append(path.length() == 0 ? "M" : " L")
          .append(Html.px(x))
          .append(',')
          .append(Html.px(y));
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"#1565c0\"><title>h = %s: %s</title></circle>",
              Html.px(x),
              Html.px(y),
              Numbers.error(p.step()),
              Html.escape(Numbers.value(p.derivative()))));
    }
    svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1565c0\"/>");
    double ly = axes.y(line);
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#c62828\""
                + " stroke-dasharray=\"6 4\"/><text x=\"%d\" y=\"%s\" class=\"label\""
                + " fill=\"#c62828\">|analytic − numeric|</text>",
            LEFT,
            Html.px(ly),
            WIDTH - RIGHT,
            Html.px(ly),
            LEFT + 6,
            Html.px(ly - 5)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=\"label\" text-anchor=\"middle\">step h</text>"
                + "<text x=\"14\" y=\"%d\" class=\"label\" transform=\"rotate(-90 14 %d)\""
                + " text-anchor=\"middle\">|central difference − numeric|</text>",
            LEFT + (WIDTH - LEFT - RIGHT) / 2,
            HEIGHT - 6,
            TOP + (HEIGHT - TOP - BOTTOM) / 2,
            TOP + (HEIGHT - TOP - BOTTOM) / 2));
    return svg.append("</svg>").toString();
  }

  /**
   * The smallest deviation drawn: 1e-17 of the values' scale, or, where everything is zero, a tenth
   * of the smallest deviation seen (1e-16 when there is none), so that exact zeros stay on the
   * chart.
   */
  private static double floor(StepCurve curve) {
    double scale = Math.max(Math.abs(curve.numeric()), Math.abs(curve.analytic()));
    if (scale > 0) {
      return Math.max(Double.MIN_NORMAL, scale * 1e-17);
    }
    double smallest = Double.POSITIVE_INFINITY;
    for (StepCurve.Point p : curve.points()) {
      double d = Math.abs(p.derivative() - curve.numeric());
      if (d > 0) {
        smallest = Math.min(smallest, d);
      }
    }
    return Double.isFinite(smallest) ? Math.max(Double.MIN_NORMAL, smallest / 10) : 1e-16;
  }

  /** Decades on both axes, mapped to the plot area. */
  private record Axes(double xMin, double xMax, double yMin, double yMax) {

    double x(double decade) {
      return LEFT + (decade - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    double y(double decade) {
      return TOP + (yMax - decade) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
    }

    void draw(StringBuilder svg) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\""
                  + " stroke=\"#9e9e9e\"/>",
              LEFT,
              TOP,
              WIDTH - LEFT - RIGHT,
              HEIGHT - TOP - BOTTOM));
      int xStep = Math.max(1, (int) Math.ceil((xMax - xMin) / 8));
      for (double d = xMin; d <= xMax; d += xStep) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%s\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">1e%d</text>",
                Html.px(x(d)),
                HEIGHT - BOTTOM + 14,
                (int) d));
      }
      int yStep = Math.max(1, (int) Math.ceil((yMax - yMin) / 6));
      for (double d = yMin; d <= yMax; d += yStep) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#eeeeee\"/>"
                    + "<text x=\"%d\" y=\"%s\" class=\"tick\" text-anchor=\"end\">1e%d</text>",
                LEFT,
                Html.px(y(d)),
                WIDTH - RIGHT,
                Html.px(y(d)),
                LEFT - 4,
                Html.px(y(d) + 4),
                (int) d));
      }
    }
  }
}
