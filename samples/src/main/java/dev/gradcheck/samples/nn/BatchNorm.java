package dev.gradcheck.samples.nn;

import java.util.Arrays;

/**
 * Batch normalisation in training mode: every feature is normalised with the mean and (biased)
 * variance of the current batch, then scaled and shifted, {@code y = gamma (x - mean) / sqrt(var +
 * epsilon) + beta}. Input and output {@code n x features}; {@code gamma} and {@code beta} {@code
 * features}. The gradient flows through the batch statistics too, so every row's gradient depends
 * on every other row. (Running statistics for inference are not kept.)
 */
public final class BatchNorm {

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

  private final double[] inverseStd;
  private double[] xhat = new double[0];
  private double[] y = new double[0];
  private int n;

  /**
   * Creates the layer.
   *
   * @param features features per row
   * @param epsilon added to the variance, such as 1e-5
   */
  public BatchNorm(int features, double epsilon) {
    this.features = features;
    this.epsilon = epsilon;
    this.gamma = new double[features];
    Arrays.fill(gamma, 1);
    this.dgamma = new double[features];
    this.beta = new double[features];
    this.dbeta = new double[features];
    this.inverseStd = new double[features];
  }

  /**
   * Normalises every feature over the batch.
   *
   * @param x input, {@code n x features}, {@code n >= 2}
   * @return output, {@code n x features}; reused by the next forward of the same batch size
   */
  public double[] forward(double[] x) {
    n = Shapes.rows(x, features, "input");
    if (y.length != x.length) {
      y = new double[x.length];
      xhat = new double[x.length];
    }
    for (int j = 0; j < features; j++) {
      double mean = 0;
      for (int r = 0; r < n; r++) {
        mean += x[r * features + j];
      }
      mean /= n;
      double variance = 0;
      for (int r = 0; r < n; r++) {
        double d = x[r * features + j] - mean;
        variance += d * d;
      }
      variance /= n;
      inverseStd[j] = 1 / Math.sqrt(variance + epsilon);
      for (int r = 0; r < n; r++) {
        int i = r * features + j;
        xhat[i] = (x[i] - mean) * inverseStd[j];
        y[i] = gamma[j] * xhat[i] + beta[j];
      }
    }
    return y;
  }

  /**
   * Backpropagates through the last forward, including the batch mean and variance: with {@code g =
   * dy · gamma}, {@code dx = inverseStd (g - mean(g) - xhat · mean(g · xhat))} per feature.
   *
   * @param dy gradient of the output, {@code n x features}
   * @param dx filled with the gradient of the input, {@code n x features}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    Shapes.requireLength(dy, n * features, "dy");
    Shapes.requireLength(dx, n * features, "dx");
    for (int j = 0; j < features; j++) {
      double sumDy = 0;
      double sumDyXhat = 0;
      for (int r = 0; r < n; r++) {
        int i = r * features + j;
        sumDy += dy[i];
        sumDyXhat += dy[i] * xhat[i];
      }
      double sumG = gamma[j] * sumDy;
      double sumGxhat = gamma[j] * sumDyXhat;
      dbeta[j] = sumDy;
      dgamma[j] = sumDyXhat;
      for (int r = 0; r < n; r++) {
        int i = r * features + j;
        double g = gamma[j] * dy[i];
        dx[i] = inverseStd[j] * (g - sumG / n - xhat[i] * sumGxhat / n);
      }
    }
    return dx;
  }
}
