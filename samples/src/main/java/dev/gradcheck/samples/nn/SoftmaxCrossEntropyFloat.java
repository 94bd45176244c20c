package dev.gradcheck.samples.nn;

/**
 * {@link SoftmaxCrossEntropy} in single precision: logits, probabilities and gradient in {@code
 * float[]}, {@code float} arithmetic throughout. Logits {@code n x classes}, labels {@code n}.
 */
public final class SoftmaxCrossEntropyFloat {

  /** The number of classes, the row length of the logits. */
  public final int classes;

  private float[] p = new float[0];
  private int n;
  private int[] labels;

  /**
   * Creates the loss.
   *
   * @param classes the number of classes
   */
  public SoftmaxCrossEntropyFloat(int classes) {
    this.classes = classes;
  }

  /**
   * Computes the mean cross-entropy, with the log-sum-exp shifted by each row's maximum.
   *
   * @param logits {@code n x classes}
   * @param labels {@code n} class indices in {@code [0, classes)}; kept for the backward
   * @return the mean loss
   */
  public float forward(float[] logits, int[] labels) {
    n = Shapes.rows(logits, classes, "logits");
    if (labels.length != n) {
      throw new IllegalArgumentException(labels.length + " labels for " + n + " rows of logits");
    }
    this.labels = labels;
    if (p.length != logits.length) {
      p = new float[logits.length];
    }
    float loss = 0;
    for (int r = 0; r < n; r++) {
      int row = r * classes;
      float max = Float.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        max = Math.max(max, logits[row + k]);
      }
      float sum = 0;
      for (int k = 0; k < classes; k++) {
        p[row + k] = (float) Math.exp(logits[row + k] - max);
        sum += p[row + k];
      }
      for (int k = 0; k < classes; k++) {
        p[row + k] /= sum;
      }
      loss += max + (float) Math.log(sum) - logits[row + labels[r]];
    }
    return loss / n;
  }

  /**
   * Backpropagates the loss of the last forward: {@code (softmax(z) - onehot(c)) / n}.
   *
   * @param dlogits filled with the gradient with respect to the logits, {@code n x classes}
   * @return {@code dlogits}
   */
  public float[] backward(float[] dlogits) {
    Shapes.requireLength(dlogits, n * classes, "dlogits");
    for (int r = 0; r < n; r++) {
      int row = r * classes;
      for (int k = 0; k < classes; k++) {
        dlogits[row + k] = p[row + k] / n;
      }
      dlogits[row + labels[r]] -= 1f / n;
    }
    return dlogits;
  }
}
