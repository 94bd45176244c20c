package dev.gradcheck;

import java.util.List;

/**
 * The central difference of one entry over a wide range of steps: the V of truncation error
 * (falling with the step) against rounding error (rising as the step shrinks). Its bottom shows how
 * well the numerics can resolve the entry; an analytic value far from the bottom of the V is the
 * code's fault, not the numerics'.
 *
 * <pre>{@code
 * result.stepCurve().ifPresent(curve ->
 *     curve.points().forEach(p -> System.out.println(p.step() + " " + p.derivative())));
 * }</pre>
 *
 * @param label the entry, such as {@code W[2][0]}
 * @param analytic the analytic value of the entry
 * @param numeric the check's numeric estimate of the entry
 * @param points the central difference at each step, largest step first
 */
public record StepCurve(String label, double analytic, double numeric, List<Point> points) {

  /**
   * One step of the curve.
   *
   * @param step the step {@code h}
   * @param derivative the central difference {@code (f(x+h) - f(x-h)) / 2h}
   */
  public record Point(double step, double derivative) {}

  /**
   * Creates a curve; the points are copied.
   *
   * @param label the entry, such as {@code W[2][0]}
   * @param analytic the analytic value of the entry
   * @param numeric the check's numeric estimate of the entry
   * @param points the central difference at each step, largest step first
   */
  public StepCurve {
    points = List.copyOf(points);
  }
}
