package dev.gradcheck.property;

import java.util.Locale;

/**
 * A random smooth function {@code R^n -> R^m}: one {@link SmoothFunction} of the shared inputs per
 * output entry, each row multiplied by its own scale (a power of ten), so that a draw may hold rows
 * of very different magnitudes, as a badly scaled least-squares problem does. Evaluated in double,
 * in float arithmetic, and exactly differentiated through {@link SmoothFunction#gradient}, which
 * uses commons-math3's {@code DerivativeStructure}.
 */
final class VectorFunction {

  private final SmoothFunction[] rows;
  private final double[] scales;

  /**
   * @param rows the unscaled output entries, all of the same dimension
   * @param scales the factor of each row
   */
  VectorFunction(SmoothFunction[] rows, double[] scales) {
    this.rows = rows.clone();
    this.scales = scales.clone();
  }

  int inputs() {
    return rows[0].dimension();
  }

  int outputs() {
    return rows.length;
  }

  /** The outputs in double arithmetic: {@code scale_i * f_i(x)}. */
  double[] values(double[] x) {
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = scales[i] * rows[i].value(x);
    }
    return y;
  }

  /** The outputs in float arithmetic: every operation, the scaling included, rounded to float. */
  float[] values(float[] x) {
    float[] y = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = (float) scales[i] * rows[i].value(x);
    }
    return y;
  }

  /** The exact Jacobian at {@code x}, one row per output entry, by automatic differentiation. */
  double[][] jacobian(double[] x) {
    double[][] j = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      j[i] = rows[i].gradient(x);
      for (int k = 0; k < j[i].length; k++) {
        j[i][k] *= scales[i];
      }
    }
    return j;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < rows.length; i++) {
      s.append(i == 0 ? "" : "; ")
          .append(String.format(Locale.ROOT, "y%d = %.0e * %s", i, scales[i], rows[i]));
    }
    return s.toString();
  }
}
