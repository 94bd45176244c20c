package dev.gradcheck.samples.nn;

/**
 * Softmax followed by the cross-entropy with integer class labels, fused into one loss: for logits
 * {@code z} ({@code n x classes}) and labels {@code c} ({@code n}), the mean over the batch of
 * {@code -log softmax(z_r)[c_r]}. Its gradient is {@code (softmax(z) - onehot(c)) / n}.
 */
public final class SoftmaxCrossEntropy {

  /** The number of classes, the row length of the logits. */
  public final int classes;

  private double[] p = new double[0];
  private int n;
  private int[] labels;

  /**
   * Creates the loss.
   *
   * @param classes the number of classes
   */
  public SoftmaxCrossEntropy(int classes) {
    this.classes = classes;
  }

  /**
   * Computes the mean cross-entropy, with the log-sum-exp shifted by each row's maximum so that
   * large logits do not overflow.
   *
   * @param logits {@code n x classes}
   * @param labels {@code n} class indices in {@code [0, classes)}; kept for the backward
   * @return the mean loss
   */
  public double forward(double[] logits, int[] labels) {
    n = Shapes.rows(logits, classes, "logits");
    if (labels.length != n) {
      throw new IllegalArgumentException(labels.length + " labels for " + n + " rows of logits");
    }
    this.labels = labels;
    if (p.length != logits.length) {
      p = new double[logits.length];
    }
    double loss = 0;
    for (int r = 0; r < n; r++) {
      int row = r * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        max = Math.max(max, logits[row + k]);
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        p[row + k] = Math.exp(logits[row + k] - max);
        sum += p[row + k];
      }
      for (int k = 0; k < classes; k++) {
        p[row + k] /= sum;
      }
      loss += max + Math.log(sum) - logits[row + labels[r]];
    }
    return loss / n;
  }

  /**
   * Backpropagates the loss of the last forward.
   *
   * @param dlogits filled with the gradient of the loss with respect to the logits, {@code n x
   *     classes}
   * @return {@code dlogits}
   */
  public double[] backward(double[] dlogits) {
    Shapes.requireLength(dlogits, n * classes, "dlogits");
    for (int r = 0; r < n; r++) {
      int row = r * classes;
      for (int k = 0; k < classes; k++) {
        dlogits[row + k] = p[row + k] / n;
      }
      dlogits[row + labels[r]] -= 1.0 / n;
    }
    return dlogits;
  }
}
