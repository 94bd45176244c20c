package dev.gradcheck.samples.zoo;

/** A float softmax cross-entropy averaged over the batch whose backward forgets to divide by it. */
public final class SoftmaxCrossEntropyFloatGradientNotAveraged {

  /** Number of classes, the row length of the logits. */
  public final int classes;

  private float[] p = new float[0];
  private int n;
  private int[] labels;

  /**
   * Creates the loss.
   *
   * @param classes number of classes
   */
  public SoftmaxCrossEntropyFloatGradientNotAveraged(int classes) {
    this.classes = classes;
  }

  /**
   * Computes the mean over the batch of the cross-entropy of every row's softmax, as {@code
   * SoftmaxCrossEntropyFloat} does.
   *
   * @param logits {@code n x classes}
   * @param labels {@code n} labels in {@code [0, classes)}
   * @return the mean of the rows' losses
   */
  public float forward(float[] logits, int[] labels) {
    n = logits.length / classes;
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
   * Backpropagates the loss of the last forward, without the division by the batch size.
   *
   * @param dlogits filled with the gradient of the logits, {@code n x classes}
   * @return {@code dlogits}
   */
  public float[] backward(float[] dlogits) {
    for (int r = 0; r < n; r++) {
      int row = r * classes;
      for (int k = 0; k < classes; k++) {
        dlogits[row + k] = p[row + k]; // the bug: p / n
      }
      dlogits[row + labels[r]] -= 1f; // and 1f / n
    }
    return dlogits;
  }
}
