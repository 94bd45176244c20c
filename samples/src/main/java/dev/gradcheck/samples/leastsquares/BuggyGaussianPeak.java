package dev.gradcheck.samples.leastsquares;

import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * {@link GaussianPeak} with a chain-rule slip in the centre's column of its Jacobian: {@code ∂/∂c
 * exp(-(t - c)² / (2 w²))} written as {@code -(t - c)/w² · exp(...)}, the derivative by {@code t},
 * forgetting the inner derivative {@code ∂(t - c)/∂c = -1}. Every other column, and the model's
 * values, are right.
 */
public final class BuggyGaussianPeak extends GaussianPeak {

  /**
   * Creates the buggy model; see {@link GaussianPeak#GaussianPeak}.
   *
   * @param t the abscissae of the observations; copied
   */
  public BuggyGaussianPeak(double[] t) {
    super(t);
  }

  @Override
  public Pair<RealVector, RealMatrix> value(RealVector point) {
    Pair<RealVector, RealMatrix> correct = super.value(point);
    RealMatrix jacobian = correct.getSecond();
    double h = point.getEntry(0);
    double c = point.getEntry(1);
    double w = point.getEntry(2);
    for (int i = 0; i < t.length; i++) {
      double u = (t[i] - c) / w;
      double g = Math.exp(-0.5 * u * u);
      jacobian.setEntry(i, CENTRE, -h * g * u / w); // the bug: the chain rule's -1 is missing
    }
    return correct;
  }
}
