package dev.gradcheck.samples.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;
import dev.gradcheck.samples.nn.Dense;
import dev.gradcheck.samples.nn.Embedding;
import org.junit.jupiter.api.Test;

/**
 * Bugs that multiply a whole gradient by a constant: a flipped sign, a forgotten factor 2, a batch
 * mean where a sum belongs and the other way round.
 */
class ScaleBugTests {

  private static final int BATCH = 8;

  @Test
  void negatedBiasGradientIsASignError() {
    Zoo.diagnoses(
        NegatedBiasTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'b' is wrong: 3 of 3 entries disagree");
          assertThat(f.likelyBugs()).hasSize(1);
          assertThat(f.likelyBug()).startsWith("sign error").contains("'b'");
          assertThat(f.fact("worst entry")).startsWith("b[");
        });
  }

  @Test
  void meanSquaredErrorWithoutItsTwoIsScaledByOneHalf() {
    Zoo.diagnoses(
        MeanSquaredErrorWithoutTwoTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradients are wrong: 'prediction' 6 of 6, 'target'");
          assertThat(f.likelyBugs())
              .hasSize(2)
              .allSatisfy(
                  bug ->
                      assertThat(bug)
                          .startsWith("wrong scale")
                          .contains("analytic = 1/2 × numeric")
                          .contains("a factor 2"))
              .anySatisfy(bug -> assertThat(bug).contains("'prediction'"))
              .anySatisfy(bug -> assertThat(bug).contains("'target'"));
        });
  }

  @Test
  void batchMeanWithoutItsDivisionIsScaledByTheBatchSize() {
    Zoo.diagnoses(
        CrossEntropyNotAveragedTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'logits' is wrong: 40 of 40");
          assertThat(f.likelyBug())
              .startsWith("wrong scale")
              .contains("analytic = 8 × numeric")
              .contains("'logits'")
              .contains("the batch size?");
        });
  }

  @Test
  void batchSumDividedByTheBatchSizeIsScaledByItsInverse() {
    Zoo.diagnoses(
        CrossEntropySumAveragedTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'logits' is wrong: 40 of 40");
          assertThat(f.likelyBug())
              .startsWith("wrong scale")
              .contains("analytic = 1/8 × numeric")
              .contains("'logits'")
              .contains("the batch size?");
        });
  }

  /**
   * The batch-size bug seen through a whole model whose gradient is exactly zero in places: the
   * rows of the embedding table of tokens absent from the batch. Every parameter is scaled by 8,
   * zeros included.
   */
  @Test
  void batchSizeBugThroughAModelWithExactZerosIsStillAScale() {
    Zoo.diagnoses(
        TextClassifierNotAveragedTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradients are wrong: 'table'");
          assertThat(f.likelyBugs())
              .hasSize(3)
              .allSatisfy(
                  bug -> assertThat(bug).startsWith("wrong scale").contains("analytic = 8 ×"))
              .anySatisfy(bug -> assertThat(bug).contains("'table'"))
              .anySatisfy(bug -> assertThat(bug).contains("'w'"))
              .anySatisfy(bug -> assertThat(bug).contains("'b'"));
        });
  }

  /**
   * The same bugs in float, the precision the samples' float layers compute in: the factor the fit
   * finds is as exact as float differences allow, and must still be named -1, 1/2 and 8.
   */
  @Test
  void negatedBiasGradientInFloatIsASignError() {
    Zoo.diagnoses(
        FloatNegatedBiasTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'b' is wrong: 3 of 3 entries disagree");
          assertThat(f.likelyBug()).startsWith("sign error").contains("'b'");
        });
  }

  /** An entry whose error is as small as float resolves may pass: "5 of 6" is right too. */
  @Test
  void meanSquaredErrorWithoutItsTwoInFloatIsScaledByOneHalf() {
    Zoo.diagnoses(
        FloatMeanSquaredErrorWithoutTwoTestCase.class,
        f -> {
          assertThat(f.headline())
              .matches(
                  "gradients are wrong: 'prediction' (at least )?[56] of 6, 'target' (at least )?[56]"
                      + " of 6 .*");
          assertThat(f.likelyBugs())
              .hasSize(2)
              .allSatisfy(
                  bug ->
                      assertThat(bug)
                          .startsWith("wrong scale")
                          .contains("analytic = 1/2 × numeric")
                          .contains("a factor 2"));
        });
  }

  @Test
  void batchMeanWithoutItsDivisionInFloatIsScaledByTheBatchSize() {
    Zoo.diagnoses(
        FloatCrossEntropyNotAveragedTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'logits' is wrong: 40 of 40");
          assertThat(f.likelyBug())
              .startsWith("wrong scale")
              .contains("analytic = 8 × numeric")
              .contains("the batch size?");
        });
  }

  // ---------------------------------------------------------------- fixtures

  static class NegatedBiasTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x5C0001L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      DenseNegatedBiasGradient layer = new DenseNegatedBiasGradient(4, 3, check.random());
      System.arraycopy(check.arrays().gaussian(3), 0, layer.b, 0, 3);
      double[] x = check.arrays().gaussian(2 * 4);
      double[] dx = new double[x.length];
      check
          .param("w", layer.w, layer.dw, 4, 3)
          .param("b", layer.b, layer.db)
          .param("x", x, dx, 2, 4)
          .output(() -> layer.forward(x))
          .backward(dy -> layer.backward(dy, dx));
    }
  }

  static class MeanSquaredErrorWithoutTwoTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x5C0002L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      MeanSquaredErrorWithoutFactorTwo loss = new MeanSquaredErrorWithoutFactorTwo();
      double[] prediction = check.arrays().gaussian(3 * 2);
      double[] target = check.arrays().gaussian(3 * 2);
      double[] dprediction = new double[prediction.length];
      double[] dtarget = new double[target.length];
      check
          .param("prediction", prediction, dprediction, 3, 2)
          .param("target", target, dtarget, 3, 2)
          .loss(() -> loss.forward(prediction, target))
          .backward(() -> loss.backward(dprediction, dtarget));
    }
  }

  static class CrossEntropyNotAveragedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x5C0003L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      crossEntropy(check, new SoftmaxCrossEntropyGradientNotAveraged(5));
    }
  }

  static class CrossEntropySumAveragedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x5C0004L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      crossEntropy(check, new SoftmaxCrossEntropySumGradientAveraged(5));
    }
  }

  private static void crossEntropy(GradientCheck check, ZooSoftmaxCrossEntropy loss) {
    double[] logits = check.arrays().gaussian(BATCH * loss.classes);
    int[] labels = check.arrays().integers(loss.classes, BATCH);
    double[] dlogits = new double[logits.length];
    check
        .param("logits", logits, dlogits, BATCH, loss.classes)
        .loss(() -> loss.forward(logits, labels))
        .backward(() -> loss.backward(dlogits));
  }

  /**
   * A bag-of-tokens classifier, embedding then dense then softmax cross-entropy over a batch of 8
   * tokens from a vocabulary of 10: at least two rows of the table get no gradient at all.
   */
  static class TextClassifierNotAveragedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x5C0005L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      Embedding embedding = new Embedding(10, 4, check.random());
      Dense dense = new Dense(4, 3, check.random());
      System.arraycopy(check.arrays().gaussian(3), 0, dense.b, 0, 3);
      SoftmaxCrossEntropyGradientNotAveraged loss = new SoftmaxCrossEntropyGradientNotAveraged(3);
      int[] ids = check.arrays().integers(10, BATCH);
      int[] labels = check.arrays().integers(3, BATCH);
      double[] dlogits = new double[BATCH * 3];
      double[] dembedded = new double[BATCH * 4];
      check
          .param("table", embedding.table, embedding.dtable, 10, 4)
          .param("w", dense.w, dense.dw, 4, 3)
          .param("b", dense.b, dense.db)
          .loss(() -> loss.forward(dense.forward(embedding.forward(ids)), labels))
          .backward(
              () -> {
                loss.backward(dlogits);
                dense.backward(dlogits, dembedded);
                embedding.backward(dembedded);
              });
    }
  }

  static class FloatNegatedBiasTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x5C0006L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      DenseFloatNegatedBiasGradient layer = new DenseFloatNegatedBiasGradient(4, 3, check.random());
      System.arraycopy(check.arrays().gaussianFloats(3), 0, layer.b, 0, 3);
      float[] x = check.arrays().gaussianFloats(2 * 4);
      float[] dx = new float[x.length];
      check
          .param("w", layer.w, layer.dw, 4, 3)
          .param("b", layer.b, layer.db)
          .param("x", x, dx, 2, 4)
          .output(() -> layer.forward(x))
          .backward(dy -> layer.backward(dy, dx));
    }
  }

  static class FloatMeanSquaredErrorWithoutTwoTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x5C0007L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      MeanSquaredErrorFloatWithoutFactorTwo loss = new MeanSquaredErrorFloatWithoutFactorTwo();
      float[] prediction = check.arrays().gaussianFloats(3 * 2);
      float[] target = check.arrays().gaussianFloats(3 * 2);
      float[] dprediction = new float[prediction.length];
      float[] dtarget = new float[target.length];
      check
          .param("prediction", prediction, dprediction, 3, 2)
          .param("target", target, dtarget, 3, 2)
          .loss(() -> loss.forward(prediction, target))
          .backward(() -> loss.backward(dprediction, dtarget));
    }
  }

  static class FloatCrossEntropyNotAveragedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x5C0008L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      SoftmaxCrossEntropyFloatGradientNotAveraged loss =
          new SoftmaxCrossEntropyFloatGradientNotAveraged(5);
      float[] logits = check.arrays().gaussianFloats(BATCH * 5);
      int[] labels = check.arrays().integers(5, BATCH);
      float[] dlogits = new float[logits.length];
      check
          .param("logits", logits, dlogits, BATCH, 5)
          .loss(() -> loss.forward(logits, labels))
          .backward(() -> loss.backward(dlogits));
    }
  }
}
