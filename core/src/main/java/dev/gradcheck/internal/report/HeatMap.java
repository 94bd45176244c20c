package dev.gradcheck.internal.report;

import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.text.Numbers;
import java.util.Locale;

/**
 * An SVG heat map of one parameter's error: one cell per entry (or per block of entries, for large
 * parameters), a matrix as a grid, a higher-rank tensor as a grid of its last-two-axes slices. Red
 * grows with how far an entry lies beyond its tolerance, green shows entries within it, grey
 * inconclusive ones and blue kinks. Each cell's tooltip names the entry and its values.
 */
final class HeatMap {

  private static final int MAX_CELLS_PER_SIDE = 200;
  private static final int TARGET_WIDTH = 720;
  private static final int SLICE_GAP = 8;

  private HeatMap() {}

  /**
   * The map of a parameter's entries laid out by its shape, matrices side by side for a tensor; a
   * Jacobian's block as one matrix of output entries (rows) by parameter entries (columns).
   */
  static String svg(ParameterResult parameter) {
    int[] shape = parameter.shape();
    boolean jacobian = parameter.outputs() > 1;
    int rows = jacobian ? parameter.outputs() : shape.length >= 2 ? shape[shape.length - 2] : 1;
    int cols = jacobian ? parameter.size() / parameter.outputs() : shape[shape.length - 1];
    int slices = parameter.size() / (rows * cols);
    EntryResult[] byIndex = new EntryResult[parameter.size()];
    for (EntryResult e : parameter.entries()) {
      byIndex[e.output().orElse(0) * (jacobian ? cols : 0) + e.index()] = e;
    }
    int block = Math.max(1, (int) Math.ceil(Math.max(rows, cols) / (double) MAX_CELLS_PER_SIDE));
    int blockRows = (rows + block - 1) / block;
    int blockCols = (cols + block - 1) / block;
    int perLine = Math.max(1, Math.min(slices, TARGET_WIDTH / Math.max(1, blockCols * 4)));
    int cell =
        Math.max(3, Math.min(28, (TARGET_WIDTH - SLICE_GAP * perLine) / (perLine * blockCols)));
    int sliceWidth = blockCols * cell + SLICE_GAP;
    int sliceHeight = blockRows * cell + SLICE_GAP + (slices > 1 ? 14 : 0);
    int lines = (slices + perLine - 1) / perLine;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg width=\"%d\" height=\"%d\" role=\"img\">",
            perLine * sliceWidth,
            lines * sliceHeight));
    for (int s = 0; s < slices; s++) {
      int x0 = (s % perLine) * sliceWidth;
      int y0 = (s / perLine) * sliceHeight + (slices > 1 ? 14 : 0);
      if (slices > 1) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" class=\"slice\">%s</text>",
                x0,
                y0 - 3,
                Html.escape(sliceLabel(parameter, s, rows * cols))));
      }
      for (int br = 0; br < blockRows; br++) {
        for (int bc = 0; bc < blockCols; bc++) {
          EntryResult worst = worstInBlock(byIndex, s * rows * cols, rows, cols, br, bc, block);
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#eee\" stroke-width=\"0.5\"><title>%s</title></rect>",
                  x0 + bc * cell,
                  y0 + br * cell,
                  cell,
                  cell,
                  colour(worst),
                  Html.escape(tooltip(worst, block))));
        }
      }
    }
    return svg.append("</svg>").toString();
  }

  private static String sliceLabel(ParameterResult parameter, int slice, int sliceSize) {
    String label =
        dev.gradcheck.internal.storage.MultiIndex.format(
            parameter.name(), parameter.shape(), slice * sliceSize);
    // W[s][0][0] -> W[s][:][:]
    int cut = label.length();
    for (int i = 0; i < 2; i++) {
      cut = label.lastIndexOf('[', cut - 1);
    }
    return label.substring(0, cut) + "[:][:]";
  }

  private static EntryResult worstInBlock(
      EntryResult[] byIndex, int offset, int rows, int cols, int br, int bc, int block) {
    EntryResult worst = null;
    for (int r = br * block; r < Math.min(rows, (br + 1) * block); r++) {
      for (int c = bc * block; c < Math.min(cols, (bc + 1) * block); c++) {
        EntryResult e = byIndex[offset + r * cols + c];
        if (e != null && (worst == null || rank(e) > rank(worst))) {
          worst = e;
        }
      }
    }
    return worst;
  }

  private static double rank(EntryResult e) {
    return switch (e.verdict()) {
      case FAIL -> 1e6 + Math.min(1e6, e.excess());
      case INCONCLUSIVE -> 2;
      case KINK -> 1.5;
      case PASS -> Math.min(1, e.excess());
    };
  }

  /** Green within tolerance, red beyond it (deeper with each decade), grey, blue; white: none. */
  static String colour(EntryResult e) {
    if (e == null) {
      return "#ffffff";
    }
    if (e.verdict() == Verdict.INCONCLUSIVE) {
      return "#bdbdbd";
    }
    if (e.verdict() == Verdict.KINK) {
      return "#90caf9";
    }
    if (e.verdict() == Verdict.PASS) {
      double t = Math.min(1, e.excess());
      return rgb(232 - 60 * t, 245 - 30 * t, 233 - 80 * t);
    }
    double decades = Math.min(1, Math.log10(Math.max(1, e.excess())) / 8);
    return rgb(255 - 75 * decades, 205 - 190 * decades, 190 - 175 * decades);
  }

  private static String rgb(double r, double g, double b) {
    return String.format(Locale.ROOT, "rgb(%d,%d,%d)", (int) r, (int) g, (int) b);
  }

  private static String tooltip(EntryResult e, int block) {
    if (e == null) {
      return "not checked on its own (covered by a direction, or not reached)";
    }
    String text =
        e.label()
            + " "
            + e.verdict()
            + "\nanalytic "
            + Numbers.value(e.analytic())
            + "\nnumeric  "
            + Numbers.value(e.numeric())
            + " ± "
            + Numbers.error(e.numericError())
            + "\nrelative error "
            + Numbers.error(e.relativeError());
    return block > 1 ? "worst of a " + block + "×" + block + " block: " + text : text;
  }
}
