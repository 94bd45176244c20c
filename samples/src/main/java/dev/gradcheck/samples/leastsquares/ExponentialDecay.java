package dev.gradcheck.samples.leastsquares;

/**
 * A least-squares model {@code y(t) = a exp(-k t) + c} fitted to observations {@code (t_i, y_i)},
 * with its residuals {@code r_i = a exp(-k t_i) + c - y_i} and their hand-written Jacobian, as one
 * passes them to Levenberg–Marquardt.
 *
 * <p>The parameters live in {@link #theta} as {@code {a, k, c}}.
 */
public class ExponentialDecay {

  /** The parameters {@code {a, k, c}}. */
  public final double[] theta;

  /** The gradient of {@code <dy, r(theta)>} with respect to {@link #theta}, filled by backward. */
  public final double[] dtheta = new double[3];

  private final double[] t;
  private final double[] y;
  private final double[] residuals;

  /**
   * Creates the model over observations.
   *
   * @param t observation times
   * @param y observed values, same length
   * @param theta initial parameters {@code {a, k, c}}; used in place
   */
  public ExponentialDecay(double[] t, double[] y, double[] theta) {
    if (t.length != y.length) {
      throw new IllegalArgumentException("t has " + t.length + " values but y has " + y.length);
    }
    this.t = t.clone();
    this.y = y.clone();
    this.theta = theta;
    this.residuals = new double[t.length];
  }

  /** Returns the residuals at the current parameters (the same array on every call). */
  public double[] residuals() {
    double a = theta[0];
    double k = theta[1];
    double c = theta[2];
    for (int i = 0; i < t.length; i++) {
      residuals[i] = a * Math.exp(-k * t[i]) + c - y[i];
    }
    return residuals;
  }

  /**
   * Returns the Jacobian {@code J[i][j] = d r_i / d theta_j} at the current parameters.
   *
   * @return a new {@code n x 3} matrix
   */
  public double[][] jacobian() {
    double a = theta[0];
    double k = theta[1];
    double[][] jacobian = new double[t.length][3];
    for (int i = 0; i < t.length; i++) {
      double e = Math.exp(-k * t[i]);
      jacobian[i][0] = e;
      jacobian[i][1] = -a * t[i] * e;
      jacobian[i][2] = 1;
    }
    return jacobian;
  }

  /**
   * Fills {@link #dtheta} with {@code J^T dy}, the vector-Jacobian product a gradient check
   * compares with finite differences of {@code <dy, r(theta)>}.
   *
   * @param dy one weight per residual
   */
  public void backward(double[] dy) {
    double[][] jacobian = jacobian();
    java.util.Arrays.fill(dtheta, 0);
    for (int i = 0; i < dy.length; i++) {
      for (int j = 0; j < 3; j++) {
        dtheta[j] += jacobian[i][j] * dy[i];
      }
    }
  }
}
