package dev.gradcheck.samples.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;
import org.junit.jupiter.api.Test;

/** Bugs that leave a gradient, or one path of it, out. */
class MissingGradientBugTests {

  @Test
  void biasGradientNeverWrittenIsMissing() {
    Zoo.diagnoses(
        BiasNeverWrittenTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'b' is wrong: 3 of 3 entries disagree");
          assertThat(f.likelyBugs()).hasSize(1);
          assertThat(f.likelyBug()).startsWith("missing gradient").contains("every entry of 'b'");
          assertThat(f.fact("worst entry")).startsWith("b[");
          assertThat(f.fact("analytic")).isEqualTo("0");
        });
  }

  /**
   * A projection shortcut whose backward is never called: its weights and bias get no gradient at
   * all, and the input loses the shortcut's share of its gradient.
   */
  @Test
  void shortcutNeverBackpropagatedLeavesItsParametersWithoutGradient() {
    Zoo.diagnoses(
        ShortcutNotBackpropagatedTestCase.class,
        f -> {
          assertThat(f.headline())
              .startsWith("gradients are wrong: 'shortcut.w' 12 of 12, 'shortcut.b' 3 of 3, 'x'")
              .contains("first.w 20/20 ok");
          assertThat(f.likelyBugs())
              .hasSizeGreaterThanOrEqualTo(2)
              .anySatisfy(
                  bug -> assertThat(bug).startsWith("missing gradient").contains("'shortcut.w'"))
              .anySatisfy(
                  bug -> assertThat(bug).startsWith("missing gradient").contains("'shortcut.b'"));
          assertThat(f.likelyBug()).startsWith("missing gradient");
        });
  }

  /**
   * A residual block whose backward sends {@code dy} through the branch but forgets the skip path:
   * {@code dx} lacks exactly {@code dy}, the gradient of the identity. The analytic gradient is not
   * zero anywhere, but one of its two paths never arrived.
   */
  @Test
  void residualBlockForgettingTheSkipPathMissesAGradient() {
    Zoo.diagnoses(
        SkipPathForgottenTestCase.class,
        f -> {
          assertThat(f.headline())
              .startsWith("gradient of 'x' is wrong")
              .contains("first.w 12/12 ok")
              .contains("second.b 3/3 ok");
          assertThat(f.likelyBug())
              .startsWith("missing skip-connection gradient")
              .contains("analytic = numeric − dy on every entry of 'x'");
        });
  }

  // ---------------------------------------------------------------- fixtures

  static class BiasNeverWrittenTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x3150001L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      DenseBiasGradientNeverWritten layer = new DenseBiasGradientNeverWritten(4, 3, check.random());
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

  static class ShortcutNotBackpropagatedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x3150002L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      ProjectionBlockShortcutNotBackpropagated block =
          new ProjectionBlockShortcutNotBackpropagated(4, 5, 3, check.random());
      System.arraycopy(check.arrays().gaussian(3), 0, block.shortcut.b, 0, 3);
      System.arraycopy(check.arrays().gaussian(5), 0, block.first.b, 0, 5);
      System.arraycopy(check.arrays().gaussian(3), 0, block.second.b, 0, 3);
      double[] x = check.arrays().gaussian(3 * 4);
      double[] dx = new double[x.length];
      check
          .param("shortcut.w", block.shortcut.w, block.shortcut.dw, 4, 3)
          .param("shortcut.b", block.shortcut.b, block.shortcut.db)
          .param("first.w", block.first.w, block.first.dw, 4, 5)
          .param("first.b", block.first.b, block.first.db)
          .param("second.w", block.second.w, block.second.dw, 5, 3)
          .param("second.b", block.second.b, block.second.db)
          .param("x", x, dx, 3, 4)
          .output(() -> block.forward(x))
          .backward(dy -> block.backward(dy, dx));
    }
  }

  static class SkipPathForgottenTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x3150003L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      ResidualBlockWithoutSkipGradient block =
          new ResidualBlockWithoutSkipGradient(3, 4, check.random());
      System.arraycopy(check.arrays().gaussian(4), 0, block.first.b, 0, 4);
      System.arraycopy(check.arrays().gaussian(3), 0, block.second.b, 0, 3);
      double[] x = check.arrays().gaussian(3 * 3);
      double[] dx = new double[x.length];
      check
          .param("first.w", block.first.w, block.first.dw, 3, 4)
          .param("first.b", block.first.b, block.first.db)
          .param("second.w", block.second.w, block.second.dw, 4, 3)
          .param("second.b", block.second.b, block.second.db)
          .param("x", x, dx, 3, 3)
          .output(() -> block.forward(x))
          .backward(dy -> block.backward(dy, dx));
    }
  }
}
