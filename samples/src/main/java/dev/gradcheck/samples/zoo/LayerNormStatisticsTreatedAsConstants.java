package dev.gradcheck.samples.zoo;

import java.util.Arrays;

/** A layer norm whose input gradient treats each row's mean and variance as constants. */
public final class LayerNormStatisticsTreatedAsConstants {

  /** Features, the row length of the input. */
  public final int features;

  /** Added to the variance before the square root. */
  public final double epsilon;

  /** Scale, {@code features}; starts at 1. */
  public final double[] gamma;

  /** Gradient of the scale. */
  public final double[] dgamma;

  /** Shift, {@code features}; starts at 0. */
  public final double[] beta;

  /** Gradient of the shift. */
  public final double[] dbeta;

  private double[] inverseStd = new double[0];
  private double[] xhat = new double[0];
  private double[] y = new double[0];
  private int n;

  /**
   * Creates the layer.
   *
   * @param features features per row
   * @param epsilon added to the variance
   */
  public LayerNormStatisticsTreatedAsConstants(int features, double epsilon) {
    this.features = features;
    this.epsilon = epsilon;
    this.gamma = new double[features];
    Arrays.fill(gamma, 1);
    this.dgamma = new double[features];
    this.beta = new double[features];
    this.dbeta = new double[features];
  }

  /**
   * Normalises every row over its features, as {@code LayerNorm} does.
   *
   * @param x input, {@code n x features}
   * @return output, {@code n x features}
   */
  public double[] forward(double[] x) {
    n = x.length / features;
    if (y.length != x.length) {
      y = new double[x.length];
      xhat = new double[x.length];
      inverseStd = new double[n];
    }
    for (int r = 0; r < n; r++) {
      int row = r * features;
      double mean = 0;
      for (int j = 0; j < features; j++) {
        mean += x[row + j];
      }
      mean /= features;
      double variance = 0;
      for (int j = 0; j < features; j++) {
        double d = x[row + j] - mean;
        variance += d * d;
      }
      variance /= features;
      inverseStd[r] = 1 / Math.sqrt(variance + epsilon);
      for (int j = 0; j < features; j++) {
        xhat[row + j] = (x[row + j] - mean) * inverseStd[r];
        y[row + j] = gamma[j] * xhat[row + j] + beta[j];
      }
    }
    return y;
  }

  /**
   * Backpropagates through the last forward as if mean and variance were constants.
   *
   * @param dy gradient of the output, {@code n x features}
   * @param dx filled with the gradient of the input, {@code n x features}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    Arrays.fill(dgamma, 0);
    Arrays.fill(dbeta, 0);
    for (int r = 0; r < n; r++) {
      int row = r * features;
      for (int j = 0; j < features; j++) {
        dgamma[j] += dy[row + j] * xhat[row + j];
        dbeta[j] += dy[row + j];
        // the bug: the terms - mean(g) - xhat · mean(g · xhat) are missing
        dx[row + j] = inverseStd[r] * gamma[j] * dy[row + j];
      }
    }
    return dx;
  }
}
