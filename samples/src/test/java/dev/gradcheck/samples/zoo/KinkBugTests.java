package dev.gradcheck.samples.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;
import org.junit.jupiter.api.Test;

/** Bugs at a kink: a value that is no subgradient where the function is not differentiable. */
class KinkBugTests {

  @Test
  void leakyReluWithTheRectifiersZeroAtTheKink() {
    Zoo.diagnoses(
        LeakyReluZeroAtKinkTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'x' is wrong: 2 of 12 entries disagree");
          assertThat(f.likelyBugs()).hasSize(1);
          assertThat(f.likelyBug())
              .startsWith("subgradient outside the kink")
              .contains("x[0][2]")
              .contains("x[1][3]");
          assertThat(f.fact("worst entry")).matches("x\\[(0\\]\\[2|1\\]\\[3)] .*");
        });
  }

  // ---------------------------------------------------------------- fixtures

  /** Inputs on a grid, as after quantisation, so two of them sit exactly on the kink at 0. */
  static class LeakyReluZeroAtKinkTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x4140001L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      LeakyReluZeroAtKink layer = new LeakyReluZeroAtKink(0.1);
      double[] x = check.arrays().gaussian(3 * 4);
      x[2] = 0;
      x[7] = 0;
      double[] dx = new double[x.length];
      check
          .param("x", x, dx, 3, 4)
          .output(() -> layer.forward(x))
          .backward(dy -> layer.backward(dy, dx));
    }
  }
}
