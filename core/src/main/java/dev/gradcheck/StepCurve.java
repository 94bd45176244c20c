package dev.gradcheck;

import java.util.List;

/**
 * The central difference of one entry over a wide range of steps: the V of truncation error
 * (falling with the step) against rounding error (rising as the step shrinks). Its bottom shows how
 * well the numerics can resolve the entry; an analytic value far from the bottom of the V is the
 * code's fault, not the numerics'. Built by the check; users only read it.
 *
 * <pre>{@code
 * result.stepCurve().ifPresent(curve ->
 *     curve.points().forEach(p -> System.out.println(p.step() + " " + p.derivative())));
 * }</pre>
 *
 * @since 0.1
 */
public interface StepCurve {

  /**
   * Returns the entry's label, such as {@code W[2][0]}.
   *
   * @return the label
   */
  String label();

  /**
   * Returns the user's gradient value of the entry.
   *
   * @return the analytic value
   */
  double analytic();

  /**
   * Returns the numeric derivative the check settled on.
   *
   * @return the numeric value
   */
  double numeric();

  /**
   * Returns the central differences, from the largest step down.
   *
   * @return an unmodifiable list of points
   */
  List<Point> points();

  /**
   * One step of the curve.
   *
   * @param step the step {@code h}
   * @param derivative the central difference {@code (f(x+h) - f(x-h)) / 2h}
   */
  record Point(double step, double derivative) {}
}
