package dev.gradcheck.samples.zoo;

/** A float mean squared error whose backward forgets the 2 of {@code d(e²)/de = 2e}. */
public final class MeanSquaredErrorFloatWithoutFactorTwo {

  private float[] prediction;
  private float[] target;

  /** Creates the loss. */
  public MeanSquaredErrorFloatWithoutFactorTwo() {}

  /**
   * Computes {@code mean((prediction - target)²)} in float.
   *
   * @param prediction any shape; kept for the backward
   * @param target the shape of {@code prediction}; kept for the backward
   * @return the mean of the squared differences
   */
  public float forward(float[] prediction, float[] target) {
    this.prediction = prediction;
    this.target = target;
    float sum = 0;
    for (int i = 0; i < prediction.length; i++) {
      float e = prediction[i] - target[i];
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
  public void backward(float[] dprediction, float[] dtarget) {
    int m = prediction.length;
    for (int i = 0; i < m; i++) {
      float g = (prediction[i] - target[i]) / m; // the bug: 2 * (prediction - target) / m
      dprediction[i] = g;
      dtarget[i] = -g;
    }
  }
}
