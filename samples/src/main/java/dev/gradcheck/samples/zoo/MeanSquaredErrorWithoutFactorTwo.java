package dev.gradcheck.samples.zoo;

/** A mean squared error whose backward forgets the 2 of {@code d(e²)/de = 2e}. */
public final class MeanSquaredErrorWithoutFactorTwo {

  private double[] prediction;
  private double[] target;

  /** Creates the loss. */
  public MeanSquaredErrorWithoutFactorTwo() {}

  /**
   * Computes {@code mean((prediction - target)²)}.
   *
   * @param prediction any shape; kept for the backward
   * @param target the shape of {@code prediction}; kept for the backward
   * @return the mean of the squared differences
   */
  public double forward(double[] prediction, double[] target) {
    this.prediction = prediction;
    this.target = target;
    double sum = 0;
    for (int i = 0; i < prediction.length; i++) {
      double e = prediction[i] - target[i];
      sum += e * e;
    }
    return sum / prediction.length;
  }

  /**
   * Backpropagates the loss of the last forward, without the factor 2.
   *
   * @param dprediction filled with the gradient with respect to the prediction
   * @param dtarget filled with the gradient with respect to the target
   */
  public void backward(double[] dprediction, double[] dtarget) {
    int m = prediction.length;
    for (int i = 0; i < m; i++) {
      double g = (prediction[i] - target[i]) / m; // the bug: 2 * (prediction - target) / m
      dprediction[i] = g;
      dtarget[i] = -g;
    }
  }
}
