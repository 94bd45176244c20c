package dev.gradcheck.samples.zoo;

/** A softmax cross-entropy summed over the batch whose backward divides by the batch anyway. */
public final class SoftmaxCrossEntropySumGradientAveraged extends ZooSoftmaxCrossEntropy {

  /**
   * Creates the loss, the sum over the batch.
   *
   * @param classes number of classes
   */
  public SoftmaxCrossEntropySumGradientAveraged(int classes) {
    super(classes, false);
  }

  @Override
  public double[] backward(double[] dlogits) {
    for (int r = 0; r < n; r++) {
      int row = r * classes;
      for (int k = 0; k < classes; k++) {
        dlogits[row + k] = p[row + k] / n; // the bug: copied from the mean reduction
      }
      dlogits[row + labels[r]] -= 1.0 / n;
    }
    return dlogits;
  }
}
