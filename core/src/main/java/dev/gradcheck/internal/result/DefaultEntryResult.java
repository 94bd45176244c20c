package dev.gradcheck.internal.result;

import dev.gradcheck.EntryResult;
import dev.gradcheck.Verdict;
import java.util.OptionalInt;

/**
 * The result of one entry.
 *
 * @param parameter the parameter's declared name
 * @param index the flat, row-major index of the entry
 * @param outputIndex the flat index of the output entry of a Jacobian entry, -1 for a gradient's
 * @param label the entry's multi-index, such as {@code W[2][0]}
 * @param analytic the user's gradient value
 * @param numeric the numeric derivative (NaN when none could be computed)
 * @param numericError the estimated absolute error of {@code numeric}
 * @param allowed the largest {@code |analytic - numeric|} that passes
 * @param left the left one-sided derivative (NaN when not measured)
 * @param right the right one-sided derivative (NaN when not measured)
 * @param verdict the verdict
 * @param note why an entry is inconclusive or at a kink; empty otherwise
 * @param value the parameter entry's value at the declared point (NaN when not recorded)
 * @param atKink whether the function has a kink at the entry
 * @param flat whether the entry is exactly flat
 * @param resolution the relative resolution the entry was checked to (NaN when not measured)
 */
public record DefaultEntryResult(
    String parameter,
    int index,
    int outputIndex,
    String label,
    double analytic,
    double numeric,
    double numericError,
    double allowed,
    double left,
    double right,
    Verdict verdict,
    String note,
    double value,
    boolean atKink,
    boolean flat,
    double resolution)
    implements EntryResult {

  /**
   * An entry the numerics could not handle: inconclusive, with the reason.
   *
   * @param parameter the parameter's declared name
   * @param index the flat index
   * @param label the entry's multi-index
   * @param analytic the user's gradient value
   * @param value the parameter entry's value
   * @param why the reason, in words
   * @return the result
   */
  public static DefaultEntryResult unresolvable(
      String parameter, int index, String label, double analytic, double value, String why) {
    return new DefaultEntryResult(
        parameter,
        index,
        -1,
        label,
        analytic,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Verdict.INCONCLUSIVE,
        why,
        value,
        false,
        false,
        Double.NaN);
  }

  /**
   * Returns the same result for output entry {@code output} of a Jacobian.
   *
   * @param output the output entry's flat index
   * @return the result, as an entry of the Jacobian
   */
  public DefaultEntryResult ofOutput(int output) {
    return new DefaultEntryResult(
        parameter,
        index,
        output,
        label,
        analytic,
        numeric,
        numericError,
        allowed,
        left,
        right,
        verdict,
        note,
        value,
        atKink,
        flat,
        resolution);
  }

  @Override
  public OptionalInt output() {
    return outputIndex < 0 ? OptionalInt.empty() : OptionalInt.of(outputIndex);
  }

  @Override
  public double absoluteError() {
    return Math.abs(analytic - numeric);
  }

  @Override
  public double relativeError() {
    double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
    return scale == 0 ? 0 : absoluteError() / scale;
  }

  @Override
  public double excess() {
    if (Double.isNaN(numeric)) {
      return verdict == Verdict.FAIL ? Double.POSITIVE_INFINITY : 0;
    }
    double error = absoluteError();
    return error == 0 ? 0 : error / allowed;
  }
}
