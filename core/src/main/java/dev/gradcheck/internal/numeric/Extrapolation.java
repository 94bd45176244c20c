package dev.gradcheck.internal.numeric;

import java.util.ArrayList;
import java.util.List;

/**
 * Ridders' extrapolation of central differences to a zero step, with the error estimate of each
 * extrapolated value (Ridders, "Accurate computation of F'(x) and F'(x)F''(x)", Adv. Eng. Software
 * 4(2), 1982).
 *
 * <p>Rows are central differences at steps that halve from row to row. Column {@code j} removes the
 * {@code h^(2j)} term of the truncation error by Richardson's rule. The error of an entry is the
 * larger of its distances to the two entries it was built from, plus the rounding error of its
 * smallest step; the entry with the smallest error is the estimate.
 */
public final class Extrapolation {

  private final List<double[]> rows = new ArrayList<>();
  private Estimate best;

  /**
   * Adds the central difference at the next, halved step.
   *
   * @param step the step of this row, half the previous row's step
   * @param derivative the central difference at that step
   * @param roundoff the rounding error of that central difference
   */
  public void add(double step, double derivative, double roundoff) {
    int k = rows.size();
    double[] row = new double[k + 1];
    row[0] = derivative;
    double factor = 1;
    for (int j = 1; j <= k; j++) {
      factor *= 4;
      double[] above = rows.get(k - 1);
      row[j] = row[j - 1] + (row[j - 1] - above[j - 1]) / (factor - 1);
      double truncation = Math.max(Math.abs(row[j] - row[j - 1]), Math.abs(row[j] - above[j - 1]));
      double error = truncation + 2 * roundoff;
      if (best == null || error < best.error() || Double.isNaN(best.error())) {
        best = new Estimate(row[j], error);
      }
    }
    rows.add(row);
  }

  /**
   * Returns the extrapolated derivative with the smallest error estimate.
   *
   * @throws IllegalStateException before two rows have been added
   */
  public Estimate best() {
    if (best == null) {
      throw new IllegalStateException("extrapolation needs two steps");
    }
    return best;
  }
}
