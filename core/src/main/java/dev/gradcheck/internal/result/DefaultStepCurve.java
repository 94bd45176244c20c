package dev.gradcheck.internal.result;

import dev.gradcheck.StepCurve;
import java.util.List;

/**
 * A step curve.
 *
 * @param label the entry, such as {@code W[2][0]}
 * @param analytic the analytic value of the entry
 * @param numeric the check's numeric estimate of the entry
 * @param points the central difference at each step, largest step first
 */
public record DefaultStepCurve(String label, double analytic, double numeric, List<Point> points)
    implements StepCurve {

  /** Copies the points. */
  public DefaultStepCurve {
    points = List.copyOf(points);
  }
}
