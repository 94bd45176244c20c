package dev.gradcheck.samples.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Verdict;
import dev.gradcheck.junit.GradCheck;
import org.junit.jupiter.api.Test;

/** Checks {@link Conv2d} (weights, bias, input) and {@link MaxPool2d} (input), kinks included. */
class ConvolutionTests {

  /** Same-size output: kernel 3, stride 1, padding 1, one channel in, two out. */
  @GradCheck(points = 3)
  void conv2dPadded(GradientCheck check) {
    checkConv(check, new Conv2d(1, 2, 3, 1, 1, 5, 5, check.random()));
  }

  /** Strided and padded, two channels in, one out: 5 x 5 becomes 3 x 3. */
  @GradCheck(points = 3)
  void conv2dStrided(GradientCheck check) {
    checkConv(check, new Conv2d(2, 1, 3, 2, 1, 5, 5, check.random()));
  }

  /** Stride 2 without padding: the last row and column of the input are never read. */
  @GradCheck
  void conv2dStridedUnpadded(GradientCheck check) {
    checkConv(check, new Conv2d(1, 2, 2, 2, 0, 5, 5, check.random()));
  }

  private static void checkConv(GradientCheck check, Conv2d layer) {
    System.arraycopy(check.arrays().gaussian(layer.outChannels), 0, layer.b, 0, layer.b.length);
    double[] x = check.arrays().gaussian(2 * layer.inChannels * layer.height * layer.width);
    double[] dx = new double[x.length];
    check
        .param("w", layer.w, layer.dw)
        .param("b", layer.b, layer.db)
        .param("x", x, dx)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  /** Non-overlapping 2 x 2 windows on 5 x 5: the last row and column get no gradient. */
  @GradCheck(points = 3)
  void maxPool(GradientCheck check) {
    MaxPool2d layer = new MaxPool2d(2, 5, 5, 2, 2);
    double[] x = check.arrays().gaussian(2 * 2 * 5 * 5);
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }

  /** Overlapping 3 x 3 windows, stride 1: one entry can be the maximum of several windows. */
  @GradCheck(points = 3)
  void maxPoolOverlapping(GradientCheck check) {
    MaxPool2d layer = new MaxPool2d(1, 5, 5, 3, 1);
    double[] x = check.arrays().gaussian(2 * 5 * 5);
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }

  /**
   * Inputs of a few integer values, so that most windows have tied maxima and every tied entry sits
   * on a kink. With overlapping windows an entry can be tied in two windows at once, on two kinks
   * whose upstream gradients may have opposite signs; the first-wins gradient (as in PyTorch) is
   * then still a valid subgradient, the gradient of a piece of the function that is active right
   * next to the point, even where it lies outside the one-sided derivatives along that entry.
   */
  @GradCheck
  void maxPoolWithTies(GradientCheck check) {
    MaxPool2d layer = new MaxPool2d(1, 5, 5, 2, 1);
    double[] x = new double[2 * 5 * 5];
    int[] levels = check.arrays().integers(3, x.length);
    for (int i = 0; i < x.length; i++) {
      x[i] = levels[i];
    }
    double[] dx = new double[x.length];
    check.param("x", x, dx).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }

  @Test
  void tiedMaximaAreReportedAsKinks() {
    MaxPool2d layer = new MaxPool2d(1, 2, 2, 2, 2);
    double[] x = {1, 3, 3, 0};
    double[] dx = new double[x.length];
    CheckResult result =
        GradientCheck.create()
            .seed(11)
            .param("x", x, dx)
            .output(() -> layer.forward(x))
            .backward(dy -> layer.backward(dy, dx))
            .run();
    assertThat(result.passed()).isTrue();
    assertThat(result.parameter("x").entries())
        .extracting(e -> e.verdict())
        .containsExactly(Verdict.PASS, Verdict.KINK, Verdict.KINK, Verdict.PASS);
  }
}
