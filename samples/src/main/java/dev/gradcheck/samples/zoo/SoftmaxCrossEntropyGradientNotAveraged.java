package dev.gradcheck.samples.zoo;

/** A softmax cross-entropy averaged over the batch whose backward forgets to divide by it. */
public final class SoftmaxCrossEntropyGradientNotAveraged extends ZooSoftmaxCrossEntropy {

  /**
   * Creates the loss, the mean over the batch.
   *
   * @param classes number of classes
   */
  public SoftmaxCrossEntropyGradientNotAveraged(int classes) {
    super(classes, true);
  }

  @Override
  public double[] backward(double[] dlogits) {
    for (int r = 0; r < n; r++) {
      int row = r * classes;
      for (int k = 0; k < classes; k++) {
        dlogits[row + k] = p[row + k]; // the bug: p / n
      }
      dlogits[row + labels[r]] -= 1.0; // and 1.0 / n
    }
    return dlogits;
  }
}
