package dev.gradcheck;

/**
 * The check of one gradient entry.
 *
 * <pre>{@code
 * for (EntryResult e : result.parameter("W").entries()) {
 *   if (e.verdict() == Verdict.FAIL) {
 *     System.out.println(e.label() + ": " + e.analytic() + " vs " + e.numeric());
 *   }
 * }
 * }</pre>
 *
 * @param parameter the parameter's declared name
 * @param index the flat, row-major index of the entry
 * @param label the entry's multi-index, such as {@code W[2][0]}
 * @param analytic the user's gradient value
 * @param numeric the numeric derivative (NaN when none could be computed)
 * @param numericError the estimated absolute error of {@code numeric}
 * @param allowed the largest {@code |analytic - numeric|} that passes
 * @param left the left one-sided derivative, measured only when the entry needed refinement (NaN
 *     otherwise)
 * @param right the right one-sided derivative, measured likewise (NaN otherwise)
 * @param verdict the verdict
 * @param note why an entry is inconclusive or at a kink; empty otherwise
 * @param value the parameter entry's value at the declared point (NaN when not recorded)
 */
public record EntryResult(
    String parameter,
    int index,
    String label,
    double analytic,
    double numeric,
    double numericError,
    double allowed,
    double left,
    double right,
    Verdict verdict,
    String note,
    double value) {

  /**
   * Creates a result that does not record the parameter's value.
   *
   * @param parameter the parameter's declared name
   * @param index the flat, row-major index of the entry
   * @param label the entry's multi-index, such as {@code W[2][0]}
   * @param analytic the user's gradient value
   * @param numeric the numeric derivative (NaN when none could be computed)
   * @param numericError the estimated absolute error of {@code numeric}
   * @param allowed the largest {@code |analytic - numeric|} that passes
   * @param left the left one-sided derivative (NaN when not measured)
   * @param right the right one-sided derivative (NaN when not measured)
   * @param verdict the verdict
   * @param note why an entry is inconclusive or at a kink; empty otherwise
   */
  public EntryResult(
      String parameter,
      int index,
      String label,
      double analytic,
      double numeric,
      double numericError,
      double allowed,
      double left,
      double right,
      Verdict verdict,
      String note) {
    this(
        parameter,
        index,
        label,
        analytic,
        numeric,
        numericError,
        allowed,
        left,
        right,
        verdict,
        note,
        Double.NaN);
  }

  /**
   * Returns {@code |analytic - numeric|}.
   *
   * @return the absolute error, NaN when either value is NaN
   */
  public double absoluteError() {
    return Math.abs(analytic - numeric);
  }

  /**
   * Returns {@code |analytic - numeric| / max(|analytic|, |numeric|)}, zero when both are zero.
   *
   * @return the relative error
   */
  public double relativeError() {
    double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
    return scale == 0 ? 0 : absoluteError() / scale;
  }

  /**
   * Returns how far the disagreement exceeds what passes: above 1 means beyond the tolerance. Used
   * to rank the worst entries.
   *
   * @return {@code |analytic - numeric| / allowed}; when {@code numeric} is NaN, infinity for a
   *     {@code FAIL} and zero otherwise
   */
  public double excess() {
    if (Double.isNaN(numeric)) {
      return verdict == Verdict.FAIL ? Double.POSITIVE_INFINITY : 0;
    }
    double error = absoluteError();
    return error == 0 ? 0 : error / allowed;
  }
}
