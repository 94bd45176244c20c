package dev.gradcheck.samples.nn;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

/** Checks the losses as scalar functions of all their real-valued inputs. */
class LossTests {

  @GradCheck(points = 3)
  void softmaxCrossEntropy(GradientCheck check) {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(5);
    double[] logits = check.arrays().gaussian(3 * 5);
    int[] labels = check.arrays().integers(5, 3);
    double[] dlogits = new double[logits.length];
    check
        .param("logits", logits, dlogits)
        .loss(() -> loss.forward(logits, labels))
        .backward(() -> loss.backward(dlogits));
  }

  /** Logits in the hundreds, where an unshifted softmax would overflow. */
  @GradCheck
  void softmaxCrossEntropyWithLargeLogits(GradientCheck check) {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(4);
    double[] logits = check.arrays().uniform(300, 303, 2 * 4);
    int[] labels = check.arrays().integers(4, 2);
    double[] dlogits = new double[logits.length];
    check
        .param("logits", logits, dlogits)
        .loss(() -> loss.forward(logits, labels))
        .backward(() -> loss.backward(dlogits));
  }

  /** The same loss in float: gradcheck picks float steps and tolerances from the storage. */
  @GradCheck(points = 3)
  void softmaxCrossEntropyFloat(GradientCheck check) {
    SoftmaxCrossEntropyFloat loss = new SoftmaxCrossEntropyFloat(5);
    float[] logits = check.arrays().gaussianFloats(3 * 5);
    int[] labels = check.arrays().integers(5, 3);
    float[] dlogits = new float[logits.length];
    check
        .param("logits", logits, dlogits)
        .loss(() -> loss.forward(logits, labels))
        .backward(() -> loss.backward(dlogits));
  }

  @GradCheck(points = 3)
  void meanSquaredError(GradientCheck check) {
    MeanSquaredError loss = new MeanSquaredError();
    double[] prediction = check.arrays().gaussian(3 * 2);
    double[] target = check.arrays().gaussian(3 * 2);
    double[] dprediction = new double[prediction.length];
    double[] dtarget = new double[target.length];
    check
        .param("prediction", prediction, dprediction)
        .param("target", target, dtarget)
        .loss(() -> loss.forward(prediction, target))
        .backward(() -> loss.backward(dprediction, dtarget));
  }
}
