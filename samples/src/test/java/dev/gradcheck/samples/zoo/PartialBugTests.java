package dev.gradcheck.samples.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Bugs that are right on most entries and wrong on a few, and bugs that fit no known shape at all.
 */
class PartialBugTests {

  /** The typo moves the forget gate's three bias entries (3 to 5 of 12), and nothing else. */
  @Test
  void lstmForgetBiasTypoIsPartlyWrong() {
    Zoo.diagnoses(
        LstmForgetBiasTypoTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'b' is wrong: 3 of 12 entries disagree");
          assertThat(f.headline()).contains("wx 36/36 ok").contains("c0 6/6 ok");
          assertThat(f.likelyBugs()).hasSize(1);
          assertThat(f.likelyBug())
              .startsWith("partly wrong")
              .contains("3 of 12 entries of 'b'")
              .contains("b[3], b[4], b[5]");
          assertThat(f.fact("worst entry")).matches("b\\[[345]] .*");
        });
  }

  /** Repeated tokens ("the", "on") are the only rows whose gradient must add up. */
  @Test
  void embeddingAssigningInsteadOfAddingIsPartlyWrong() {
    Zoo.diagnoses(
        EmbeddingOverwritingTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'table' is wrong: 6 of 24 entries");
          assertThat(f.likelyBug())
              .startsWith("partly wrong")
              .contains("6 of 24 entries of 'table'")
              .contains("table[0][0]")
              .contains("table[3][0]");
        });
  }

  /**
   * Every entry of dx is off by a different amount: no sign, scale, layout or slice explains it.
   */
  @Test
  void layerNormIgnoringItsStatisticsFitsNoShape() {
    Zoo.diagnoses(
        LayerNormConstantStatisticsTestCase.class,
        f -> {
          assertThat(f.headline())
              .startsWith("gradient of 'x' is wrong")
              .contains("gamma 4/4 ok")
              .contains("beta 4/4 ok");
          assertThat(f.likelyBugs()).hasSize(1);
          assertThat(f.likelyBug()).startsWith("no known bug shape fits").contains("'x'");
        });
  }

  // ---------------------------------------------------------------- fixtures

  static class LstmForgetBiasTypoTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x9A0001L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      LstmForgetBiasGradientTypo layer = new LstmForgetBiasGradientTypo(3, 3, check.random());
      System.arraycopy(check.arrays().gaussian(12), 0, layer.b, 0, 12);
      double[] x = check.arrays().gaussian(4 * 2 * 3);
      double[] h0 = check.arrays().gaussian(2 * 3);
      double[] c0 = check.arrays().gaussian(2 * 3);
      double[] dx = new double[x.length];
      double[] dh0 = new double[h0.length];
      double[] dc0 = new double[c0.length];
      check
          .param("wx", layer.wx, layer.dwx, 3, 12)
          .param("wh", layer.wh, layer.dwh, 3, 12)
          .param("b", layer.b, layer.db)
          .param("x", x, dx, 4, 2, 3)
          .param("h0", h0, dh0, 2, 3)
          .param("c0", c0, dc0, 2, 3)
          .output(() -> layer.forward(x, h0, c0))
          .backward(dy -> layer.backward(dy, dx, dh0, dc0));
    }
  }

  /** "the cat sat on the mat on" over the vocabulary the, cat, sat, on, mat, dog, ran, away. */
  static class EmbeddingOverwritingTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x9A0002L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      EmbeddingOverwritingRepeatedTokens layer =
          new EmbeddingOverwritingRepeatedTokens(8, 3, check.random());
      int[] ids = {0, 1, 2, 3, 0, 4, 3};
      check
          .param("table", layer.table, layer.dtable, 8, 3)
          .output(() -> layer.forward(ids))
          .backward(layer::backward);
    }
  }

  static class LayerNormConstantStatisticsTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x9A0003L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      LayerNormStatisticsTreatedAsConstants layer =
          new LayerNormStatisticsTreatedAsConstants(4, 1e-5);
      System.arraycopy(check.arrays().uniform(0.5, 2, 4), 0, layer.gamma, 0, 4);
      System.arraycopy(check.arrays().gaussian(4), 0, layer.beta, 0, 4);
      double[] x = check.arrays().gaussian(3 * 4);
      double[] dx = new double[x.length];
      check
          .param("gamma", layer.gamma, layer.dgamma)
          .param("beta", layer.beta, layer.dbeta)
          .param("x", x, dx, 3, 4)
          .output(() -> layer.forward(x))
          .backward(dy -> layer.backward(dy, dx));
    }
  }
}
