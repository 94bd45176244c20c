package dev.gradcheck.samples.zoo;

/**
 * {@link dev.gradcheck.samples.nn.SoftmaxCrossEntropy}'s forward copied, with a choice of batch
 * reduction, and its backward left to each buggy variant: {@code n} rows of {@code classes} logits,
 * one integer label per row.
 */
public abstract class ZooSoftmaxCrossEntropy {

  /** Number of classes, the row length of the logits. */
  public final int classes;

  /** Whether the forward averages the rows' losses (else it sums them). */
  public final boolean mean;

  /** The softmax probabilities of the last forward. */
  protected double[] p = new double[0];

  /** The batch size of the last forward. */
  protected int n;

  /** The labels of the last forward. */
  protected int[] labels;

  /**
   * Creates the loss.
   *
   * @param classes number of classes
   * @param mean whether the forward averages over the batch (else it sums)
   */
  protected ZooSoftmaxCrossEntropy(int classes, boolean mean) {
    this.classes = classes;
    this.mean = mean;
  }

  /**
   * Computes the cross-entropy of the softmax of every row against its label, reduced over the
   * batch.
   *
   * @param logits {@code n x classes}
   * @param labels {@code n} labels in {@code [0, classes)}
   * @return the mean or sum of the rows' losses
   */
  public final double forward(double[] logits, int[] labels) {
    n = logits.length / classes;
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
    return mean ? loss / n : loss;
  }

  /**
   * Backpropagates the loss of the last forward, with the variant's bug.
   *
   * @param dlogits filled with the gradient of the logits, {@code n x classes}
   * @return {@code dlogits}
   */
  public abstract double[] backward(double[] dlogits);
}
