package dev.gradcheck.samples.commonsmath;

import dev.gradcheck.GradientCheck;
import java.util.Arrays;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.analysis.function.Logit;
import org.apache.commons.math3.exception.MathIllegalArgumentException;

/**
 * Declares gradcheck checks of a commons-math3 {@link ParametricUnivariateFunction}: its {@code
 * gradient(x, param...)} against its {@code value(x, param...)}, and of a {@link
 * UnivariateDifferentiableFunction}'s derivative in {@code x}.
 */
final class ParametricChecks {

  private ParametricChecks() {}

  /**
   * The loss {@code f.value(x, param)} at one fixed {@code x}, with the parameter vector declared
   * as one parameter {@code param}, as a curve fitter holds it; the backward copies {@code
   * f.gradient(x, param)}.
   */
  static GradientCheck atPoint(
      GradientCheck check, ParametricUnivariateFunction f, double x, double[] param) {
    double[] dparam = new double[param.length];
    check
        .param("param", param, dparam)
        .loss(() -> f.value(x, param))
        .backward(() -> System.arraycopy(f.gradient(x, param), 0, dparam, 0, dparam.length));
    return check;
  }

  /**
   * Like {@link #atPoint}, but each entry of the parameter vector is declared as a parameter of its
   * own, under its name: messages say {@code gradient of 'hi' is wrong}, and gradcheck measures the
   * function's noise along each entry alone.
   */
  static GradientCheck atPointByName(
      GradientCheck check,
      ParametricUnivariateFunction f,
      double x,
      double[] param,
      String... names) {
    int n = param.length;
    double[][] values = new double[n][];
    double[][] gradients = new double[n][];
    for (int j = 0; j < n; j++) {
      values[j] = new double[] {param[j]};
      gradients[j] = new double[1];
      check.param(names[j], values[j], gradients[j]);
    }
    double[] p = new double[n];
    check
        .loss(() -> f.value(x, gather(values, p)))
        .backward(
            () -> {
              double[] g = f.gradient(x, gather(values, p));
              for (int j = 0; j < n; j++) {
                gradients[j][0] = g[j];
              }
            });
    return check;
  }

  /**
   * The vector output {@code (f.value(x_i, param))_i} over many {@code x}, as a curve fitter
   * evaluates its model; the backward is the vector-Jacobian product {@code sum_i dy_i *
   * f.gradient(x_i, param)}, the fitter's Jacobian {@code J[i][j] = gradient(x_i)[j]} transposed
   * and applied to {@code dy}.
   */
  static GradientCheck overCurve(
      GradientCheck check, ParametricUnivariateFunction f, double[] xs, double[] param) {
    double[] dparam = new double[param.length];
    check
        .param("param", param, dparam)
        .output(
            () -> {
              double[] y = new double[xs.length];
              for (int i = 0; i < xs.length; i++) {
                y[i] = f.value(xs[i], param);
              }
              return y;
            })
        .backward(
            (double[] dy) -> {
              Arrays.fill(dparam, 0);
              for (int i = 0; i < xs.length; i++) {
                double[] g = f.gradient(xs[i], param);
                for (int j = 0; j < dparam.length; j++) {
                  dparam[j] += dy[i] * g[j];
                }
              }
            });
    return check;
  }

  /**
   * The derivative in {@code x} of a {@link UnivariateDifferentiableFunction}, taken from its
   * {@code value(DerivativeStructure)}, at many {@code x} at once: the output is {@code
   * (g.value(x_i))_i} and the backward {@code dx_i = dy_i * g'(x_i)}.
   */
  static GradientCheck derivativeInX(
      GradientCheck check, UnivariateDifferentiableFunction g, double[] xs) {
    double[] dxs = new double[xs.length];
    check
        .param("x", xs, dxs)
        .output(
            () -> {
              double[] y = new double[xs.length];
              for (int i = 0; i < xs.length; i++) {
                y[i] = g.value(xs[i]);
              }
              return y;
            })
        .backward(
            (double[] dy) -> {
              for (int i = 0; i < xs.length; i++) {
                DerivativeStructure t = new DerivativeStructure(1, 1, 0, xs[i]);
                dxs[i] = dy[i] * g.value(t).getPartialDerivative(1);
              }
            });
    return check;
  }

  /**
   * The function with {@code value} returning NaN where commons-math3 throws because a parameter
   * left its domain ({@code sigma <= 0}, {@code x} outside {@code [lo, hi]}). gradcheck shrinks its
   * steps where a function is not finite, but stops at an exception: wrap a function whose domain
   * is bounded by exceptions like this before checking it close to the boundary.
   */
  static ParametricUnivariateFunction nanOutsideDomain(ParametricUnivariateFunction f) {
    return new ParametricUnivariateFunction() {
      @Override
      public double value(double x, double... param) {
        try {
          return f.value(x, param);
        } catch (MathIllegalArgumentException e) {
          return Double.NaN;
        }
      }

      @Override
      public double[] gradient(double x, double... param) {
        return f.gradient(x, param);
      }
    };
  }

  /**
   * {@link Logit.Parametric} with its gradient corrected. commons-math3 3.6.1 returns {@code {1 /
   * (lo - x), 1 / (hi - x)}}; the derivative of {@code log((x - lo) / (hi - x))} with respect to
   * {@code hi} is {@code -1 / (hi - x)}.
   */
  static final class CorrectedLogit implements ParametricUnivariateFunction {
    private final Logit.Parametric shipped = new Logit.Parametric();

    @Override
    public double value(double x, double... param) {
      return shipped.value(x, param);
    }

    @Override
    public double[] gradient(double x, double... param) {
      double[] g = shipped.gradient(x, param);
      return new double[] {g[0], 1 / (x - param[1])};
    }
  }

  private static double[] gather(double[][] values, double[] into) {
    for (int j = 0; j < into.length; j++) {
      into[j] = values[j][0];
    }
    return into;
  }
}
