package dev.gradcheck.samples.nn;

/**
 * The mean squared error {@code L = mean((prediction - target)²)} over all entries of two arrays of
 * the same shape.
 */
public final class MeanSquaredError {

  private double[] prediction;
  private double[] target;

  /** Creates the loss. */
  public MeanSquaredError() {}

  /**
   * Computes the mean squared error.
   *
   * @param prediction any shape; kept for the backward
   * @param target the shape of {@code prediction}; kept for the backward
   * @return the mean of the squared differences
   */
  public double forward(double[] prediction, double[] target) {
    Shapes.requireLength(target, prediction.length, "target");
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
   * Backpropagates the loss of the last forward: {@code dprediction = 2 (prediction - target) / m}
   * for {@code m} entries, and {@code dtarget = -dprediction}.
   *
   * @param dprediction filled with the gradient with respect to the prediction
   * @param dtarget filled with the gradient with respect to the target
   */
  public void backward(double[] dprediction, double[] dtarget) {
    int m = prediction.length;
    Shapes.requireLength(dprediction, m, "dprediction");
    Shapes.requireLength(dtarget, m, "dtarget");
    for (int i = 0; i < m; i++) {
      double g = 2 * (prediction[i] - target[i]) / m;
      dprediction[i] = g;
      dtarget[i] = -g;
    }
  }
}
