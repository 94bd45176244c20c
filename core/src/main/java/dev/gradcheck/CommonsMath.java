package dev.gradcheck;

import dev.gradcheck.internal.text.Numbers;
import java.util.Optional;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.MultivariateDifferentiableFunction;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;

/**
 * Checks of commons-math3 functions as users hold them, one line each. Each method declares the
 * whole check on the given {@link GradientCheck} (the one {@code @GradCheck} injects, or {@link
 * GradientCheck#create()}) and returns it, ready to {@link GradientCheck#run() run} or {@link
 * GradientCheck#verify() verify}. The point is copied: the function is evaluated at the copy,
 * perturbed in place and restored.
 *
 * <pre>{@code
 * // a least-squares model for LeastSquaresBuilder.model(...): its Jacobian, entry by entry
 * CommonsMath.jacobian(GradientCheck.create(), model, start).verify();
 *
 * @GradCheck(points = 5)
 * void gaussian(GradientCheck check) {
 *   CommonsMath.jacobian(check, new Gaussian.Parametric(), xs, 2.0, 0.5, 1.3);
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class CommonsMath {

  private CommonsMath() {}

  /**
   * Declares a check of the Jacobian of a least-squares model, every entry {@code ∂value[i] /
   * ∂point[j]} on its own. This is the function {@code LeastSquaresBuilder.model(...)} takes: it
   * returns the model's values and their Jacobian; the observations are subtracted elsewhere
   * ({@code target(...)}), so the Jacobian is the model's, not the residuals' (which is its
   * negation). Costs the forward evaluations of one gradient check of the point.
   *
   * @param check the check to declare on
   * @param model the model
   * @param point where to check it
   * @return the check
   */
  public static GradientCheck jacobian(
      GradientCheck check, MultivariateJacobianFunction model, RealVector point) {
    ArrayRealVector p = new ArrayRealVector(point);
    return check
        .param("point", p)
        .output(() -> model.value(p).getFirst())
        .jacobian(() -> model.value(p).getSecond());
  }

  /**
   * Declares a check of a curve fitter's model, {@code ParametricUnivariateFunction}: its {@code
   * gradient(x, parameters)} with respect to the parameters, at every {@code x} given, as the
   * Jacobian the fitter builds from it (one row per {@code x}).
   *
   * @param check the check to declare on
   * @param function the parametric function
   * @param xs the abscissae to check at, one row each
   * @param parameters the parameters to check at
   * @return the check
   */
  public static GradientCheck jacobian(
      GradientCheck check,
      ParametricUnivariateFunction function,
      double[] xs,
      double... parameters) {
    double[] p = parameters.clone();
    double[] x = xs.clone();
    return check
        .param("parameters", p)
        .output(
            () -> {
              double[] values = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                values[i] = function.value(x[i], p);
              }
              return values;
            })
        .jacobian(
            () -> {
              double[][] rows = new double[x.length][];
              for (int i = 0; i < x.length; i++) {
                rows[i] = function.gradient(x[i], p);
              }
              return rows;
            });
  }

  /**
   * Declares a check of a {@code UnivariateDifferentiableFunction}'s derivative: the first
   * derivative its {@code value(DerivativeStructure)} gives against differences of its {@code
   * value(double)}. The value part of the {@code DerivativeStructure} must equal {@code
   * value(double)} too; a difference is reported as {@link ContractViolation.InconsistentValue}.
   *
   * @param check the check to declare on
   * @param function the function
   * @param x where to check it
   * @return the check
   */
  public static GradientCheck derivative(
      GradientCheck check, UnivariateDifferentiableFunction function, double x) {
    double[] at = {x};
    double[] derivative = new double[1];
    check
        .param("x", at, derivative)
        .loss(() -> function.value(at[0]))
        .backward(
            () ->
                derivative[0] =
                    function
                        .value(new DerivativeStructure(1, 1, 0, at[0]))
                        .getPartialDerivative(1));
    check
        .objective()
        .alsoAtDeclaredPoint(
            () ->
                consistent(
                    function.value(new DerivativeStructure(1, 1, 0, at[0])).getValue(),
                    function.value(at[0]),
                    "at x = %s".formatted(Numbers.value(at[0]))));
    return check;
  }

  /**
   * Declares a check of a {@code MultivariateDifferentiableFunction}'s gradient: the first partial
   * derivatives its {@code value(DerivativeStructure[])} gives against differences of its {@code
   * value(double[])}, whose value it must also equal.
   *
   * @param check the check to declare on
   * @param function the function
   * @param point where to check it
   * @return the check
   */
  public static GradientCheck gradient(
      GradientCheck check, MultivariateDifferentiableFunction function, double... point) {
    double[] p = point.clone();
    double[] gradient = new double[p.length];
    check
        .param("point", p, gradient)
        .loss(() -> function.value(p))
        .backward(
            () -> {
              DerivativeStructure value = function.value(variables(p));
              for (int i = 0; i < p.length; i++) {
                int[] orders = new int[p.length];
                orders[i] = 1;
                gradient[i] = value.getPartialDerivative(orders);
              }
            });
    check
        .objective()
        .alsoAtDeclaredPoint(
            () ->
                consistent(
                    function.value(variables(p)).getValue(),
                    function.value(p),
                    "at point = [%s]"
                        .formatted(
                            java.util.Arrays.stream(p)
                                .mapToObj(Numbers::value)
                                .collect(java.util.stream.Collectors.joining(", ")))));
    return check;
  }

  private static DerivativeStructure[] variables(double[] p) {
    DerivativeStructure[] variables = new DerivativeStructure[p.length];
    for (int i = 0; i < p.length; i++) {
      variables[i] = new DerivativeStructure(p.length, 1, i, p[i]);
    }
    return variables;
  }

  /** The two values agree bit for bit, or to the last few units of the larger. */
  private static Optional<ContractViolation> consistent(double ds, double plain, String where) {
    boolean same =
        Double.doubleToLongBits(ds) == Double.doubleToLongBits(plain)
            || Math.abs(ds - plain) <= 64 * Math.ulp(Math.max(Math.abs(ds), Math.abs(plain)));
    return same
        ? Optional.empty()
        : Optional.of(
            new ContractViolation.InconsistentValue(
                "value(DerivativeStructure)", "value(double)", where, ds, plain));
  }
}
