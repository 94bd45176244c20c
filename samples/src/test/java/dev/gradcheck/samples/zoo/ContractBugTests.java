package dev.gradcheck.samples.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Bugs that break the contract of a forward or backward pass rather than its values: gradients
 * accumulated across calls, a forward that is not a function, a forward that writes its input.
 */
class ContractBugTests {

  @Test
  void denseBackwardThatNeverClearsAccumulates() {
    Zoo.diagnoses(
        DenseAccumulatingTestCase.class,
        f -> {
          assertThat(f.headline())
              .isEqualTo("gradient check failed: backward accumulates into the gradient of 'w'");
          assertThat(f.likelyBugs())
              .hasSize(2)
              .allSatisfy(bug -> assertThat(bug).startsWith("accumulating backward").contains("2×"))
              .anySatisfy(bug -> assertThat(bug).contains("'w'"))
              .anySatisfy(bug -> assertThat(bug).contains("'b'"));
          assertThat(f.fact("problem")).contains("w[");
        });
  }

  @Test
  void sparseEmbeddingBackwardThatNeverClearsAccumulates() {
    Zoo.diagnoses(
        EmbeddingAccumulatingTestCase.class,
        f -> {
          assertThat(f.headline())
              .isEqualTo(
                  "gradient check failed: backward accumulates into the gradient of 'table'");
          assertThat(f.likelyBugs()).hasSize(1);
          assertThat(f.likelyBug()).startsWith("accumulating backward").contains("'table'");
        });
  }

  @Test
  void dropoutWithAFreshUnseededMaskIsNondeterministic() {
    Zoo.diagnoses(
        UnseededDropoutTestCase.class,
        f -> {
          assertThat(f.headline()).isEqualTo("gradient check failed: nondeterministic forward");
          assertThat(f.likelyBug()).startsWith("nondeterministic forward");
          assertThat(f.fact("problem")).contains("output");
          assertThat(f.fact("worst entry")).isNull();
        });
  }

  /** Dropout at rate 0.1 drawn afresh on every call, with one gradient entry 1% wrong as well. */
  @Test
  void lightUnseededDropoutWithAWrongEntryIsNondeterministic() {
    Zoo.diagnoses(
        LightUnseededDropoutTestCase.class,
        f -> {
          assertThat(f.headline()).isEqualTo("gradient check failed: nondeterministic forward");
          assertThat(f.likelyBug()).startsWith("nondeterministic forward");
        });
  }

  /**
   * A forward that adds 1e-6 on every 3rd call, with one entry 1% wrong: the glitch used to be read
   * as noise that widened every tolerance until the wrong entry passed.
   */
  @Test
  void aForwardThatGlitchesEveryThirdCallIsNondeterministic() {
    Zoo.diagnoses(
        GlitchingForwardTestCase.class,
        f -> {
          assertThat(f.headline()).isEqualTo("gradient check failed: nondeterministic forward");
          assertThat(f.likelyBug()).startsWith("nondeterministic forward");
        });
  }

  @Test
  void inPlaceReluMutatesItsInput() {
    Zoo.diagnoses(
        InPlaceReluTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient check failed: ").contains("'x'");
          assertThat(f.likelyBugs()).hasSize(1);
          assertThat(f.likelyBug()).startsWith("forward mutates its input").contains("x[");
        });
  }

  @Test
  void reluBackwardComputedInItsInputMutatesIt() {
    Zoo.diagnoses(
        ReluBackwardIntoInputTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient check failed: ").contains("'x'");
          assertThat(f.likelyBugs()).hasSize(1);
          assertThat(f.likelyBug()).startsWith("backward mutates its input").contains("x[");
        });
  }

  // ---------------------------------------------------------------- fixtures

  static class DenseAccumulatingTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0xC0A001L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      DenseAccumulatingGradients layer = new DenseAccumulatingGradients(4, 3, check.random());
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

  static class EmbeddingAccumulatingTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0xC0A002L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      EmbeddingAccumulatingGradient layer = new EmbeddingAccumulatingGradient(5, 3, check.random());
      int[] ids = check.arrays().integers(5, 6);
      check
          .param("table", layer.table, layer.dtable, 5, 3)
          .output(() -> layer.forward(ids))
          .backward(layer::backward);
    }
  }

  static class UnseededDropoutTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0xC0A003L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      DropoutUnseededMask layer = new DropoutUnseededMask(0.5);
      double[] x = check.arrays().gaussian(4 * 8);
      double[] dx = new double[x.length];
      check
          .param("x", x, dx, 4, 8)
          .output(() -> layer.forward(x))
          .backward(dy -> layer.backward(dy, dx));
    }
  }

  static class LightUnseededDropoutTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0xC0A007L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      DropoutUnseededMask layer = new DropoutUnseededMask(0.1);
      double[] x = check.arrays().gaussian(4 * 8);
      double[] dx = new double[x.length];
      check
          .param("x", x, dx, 4, 8)
          .output(() -> layer.forward(x))
          .backward(
              dy -> {
                layer.backward(dy, dx);
                dx[5] *= 1.01;
              });
    }
  }

  static class GlitchingForwardTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0xC0A008L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      double[] w = check.arrays().gaussian(6);
      double[] dw = new double[w.length];
      int[] calls = {0};
      check
          .param("w", w, dw)
          .loss(
              () -> {
                double s = 0;
                for (double v : w) {
                  s += Math.log1p(Math.exp(v));
                }
                return s + (++calls[0] % 3 == 0 ? 1e-6 : 0);
              })
          .backward(
              () -> {
                for (int i = 0; i < w.length; i++) {
                  dw[i] = 1 / (1 + Math.exp(-w[i]));
                }
                dw[2] *= 1.01;
              });
    }
  }

  static class InPlaceReluTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0xC0A004L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      ReluInPlace layer = new ReluInPlace();
      double[] x = check.arrays().gaussian(3 * 4);
      x[5] = -Math.abs(x[5]); // at least one negative entry to overwrite
      double[] dx = new double[x.length];
      check
          .param("x", x, dx, 3, 4)
          .output(() -> layer.forward(x))
          .backward(dy -> layer.backward(dy, dx));
    }
  }

  static class ReluBackwardIntoInputTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0xC0A005L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      ReluBackwardIntoInput layer = new ReluBackwardIntoInput();
      double[] x = check.arrays().gaussian(3 * 4);
      double[] dx = new double[x.length];
      check
          .param("x", x, dx, 3, 4)
          .output(() -> layer.forward(x))
          .backward(dy -> layer.backward(dy, dx));
    }
  }
}
