package dev.gradcheck.samples.nn;

import java.util.Arrays;

/**
 * Layer normalisation: every row is normalised with its own mean and (biased) variance over its
 * features, then scaled and shifted per feature, {@code y = gamma (x - mean) / sqrt(var + epsilon)
 * + beta}. Input and output {@code n x features}; {@code gamma} and {@code beta} {@code features}.
 */
public final class LayerNorm {

  /** Features, the row length of the input. */
  public final int features;

  /** Added to the variance before the square root. */
  public final double epsilon;

  /** Scale, {@code features}; starts at 1. */
  public final double[] gamma;

  /** Gradient of the scale; overwritten by {@link #backward}. */
  public final double[] dgamma;

  /** Shift, {@code features}; starts at 0. */
  public final double[] beta;

  /** Gradient of the shift; overwritten by {@link #backward}. */
  public final double[] dbeta;

  private double[] inverseStd = new double[0];
  private double[] xhat = new double[0];
  private double[] y = new double[0];
  private int n;

  /**
   * Creates the layer.
   *
   * @param features features per row
   * @param epsilon added to the variance, such as 1e-5
   */
  public LayerNorm(int features, double epsilon) {
    this.features = features;
    this.epsilon = epsilon;
    this.gamma = new double[features];
    Arrays.fill(gamma, 1);
    this.dgamma = new double[features];
    this.beta = new double[features];
    this.dbeta = new double[features];
  }

  /**
   * Normalises every row over its features.
   *
   * @param x input, {@code n x features}
   * @return output, {@code n x features}; reused by the next forward of the same batch size
   */
  public double[] forward(double[] x) {
    n = Shapes.rows(x, features, "input");
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
   * Backpropagates through the last forward, including each row's mean and variance: with {@code g
   * = dy · gamma}, {@code dx = inverseStd (g - mean(g) - xhat · mean(g · xhat))} per row.
   *
   * @param dy gradient of the output, {@code n x features}
   * @param dx filled with the gradient of the input, {@code n x features}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    Shapes.requireLength(dy, n * features, "dy");
    Shapes.requireLength(dx, n * features, "dx");
    Arrays.fill(dgamma, 0);
    Arrays.fill(dbeta, 0);
    for (int r = 0; r < n; r++) {
      int row = r * features;
      double sumG = 0;
      double sumGxhat = 0;
      for (int j = 0; j < features; j++) {
        double g = gamma[j] * dy[row + j];
        sumG += g;
        sumGxhat += g * xhat[row + j];
        dgamma[j] += dy[row + j] * xhat[row + j];
        dbeta[j] += dy[row + j];
      }
      for (int j = 0; j < features; j++) {
        double g = gamma[j] * dy[row + j];
        dx[row + j] = inverseStd[r] * (g - sumG / features - xhat[row + j] * sumGxhat / features);
      }
    }
    return dx;
  }
}
