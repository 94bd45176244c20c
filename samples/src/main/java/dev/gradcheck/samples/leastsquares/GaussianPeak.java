package dev.gradcheck.samples.leastsquares;

import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * A Gaussian peak on a sloping baseline, {@code y(t) = h exp(-(t - c)² / (2 w²)) + b + s t}, as a
 * spectroscopist fits one line of a spectrum: a {@link MultivariateJacobianFunction} with a
 * hand-written Jacobian, ready for {@code LeastSquaresBuilder.model(...)} and commons-math3's
 * {@code LevenbergMarquardtOptimizer}.
 *
 * <p>The point is {@code theta = {h, c, w, b, s}}: the peak's height, centre and width, the
 * baseline's offset and slope. {@link #value} returns the model's values at the abscissae {@code
 * t_i} and its Jacobian {@code J[i][j] = ∂y(t_i)/∂theta_j}. That is the Jacobian of the
 * <em>model</em>, not of the residuals: the builder's {@code target(...)} holds the observations
 * and the optimizer forms the residuals {@code target_i - y(t_i)} itself, so the observations never
 * reach this class and the residuals' Jacobian is this one negated.
 */
public class GaussianPeak implements MultivariateJacobianFunction {

  /** The number of parameters: height, centre, width, offset, slope. */
  public static final int PARAMETERS = 5;

  /** The index of the centre {@code c} in the point, and its column in the Jacobian. */
  public static final int CENTRE = 1;

  /** The abscissae {@code t_i}. */
  protected final double[] t;

  /**
   * Creates the model at fixed abscissae.
   *
   * @param t the abscissae of the observations; copied
   */
  public GaussianPeak(double[] t) {
    this.t = t.clone();
  }

  /**
   * Returns the number of observations the model predicts.
   *
   * @return the number of abscissae
   */
  public int observations() {
    return t.length;
  }

  /**
   * Returns the model's values and its Jacobian at a point.
   *
   * @param point {@code {h, c, w, b, s}}; read, never written
   * @return the values {@code y(t_i)} (m entries) and the m × 5 Jacobian of those values
   */
  @Override
  public Pair<RealVector, RealMatrix> value(RealVector point) {
    if (point.getDimension() != PARAMETERS) {
      throw new IllegalArgumentException(
          "the point has " + point.getDimension() + " entries, not " + PARAMETERS);
    }
    double h = point.getEntry(0);
    double c = point.getEntry(1);
    double w = point.getEntry(2);
    double b = point.getEntry(3);
    double s = point.getEntry(4);
    double[] values = new double[t.length];
    double[][] jacobian = new double[t.length][PARAMETERS];
    for (int i = 0; i < t.length; i++) {
      double u = (t[i] - c) / w;
      double g = Math.exp(-0.5 * u * u);
      values[i] = h * g + b + s * t[i];
      jacobian[i][0] = g;
      jacobian[i][1] = h * g * u / w; // d/dc of -(t - c)²/(2w²) is +(t - c)/w²
      jacobian[i][2] = h * g * u * u / w;
      jacobian[i][3] = 1;
      jacobian[i][4] = t[i];
    }
    return new Pair<>(
        new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
  }

  /**
   * Returns the model's values at a point, for drawing synthetic observations.
   *
   * @param theta {@code {h, c, w, b, s}}
   * @return the values {@code y(t_i)}
   */
  public double[] values(double[] theta) {
    return value(new ArrayRealVector(theta)).getFirst().toArray();
  }
}
