package dev.gradcheck.samples.nn;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

/** Checks {@link ResidualBlock}: both layers of the branch and the input, skip path included. */
class ResidualBlockTests {

  @GradCheck(points = 3)
  void residualBlock(GradientCheck check) {
    ResidualBlock block = new ResidualBlock(3, 4, check.random());
    System.arraycopy(check.arrays().gaussian(4), 0, block.first.b, 0, 4);
    System.arraycopy(check.arrays().gaussian(3), 0, block.second.b, 0, 3);
    double[] x = check.arrays().gaussian(3 * 3);
    double[] dx = new double[x.length];
    check
        .param("first.w", block.first.w, block.first.dw)
        .param("first.b", block.first.b, block.first.db)
        .param("second.w", block.second.w, block.second.dw)
        .param("second.b", block.second.b, block.second.db)
        .param("x", x, dx)
        .output(() -> block.forward(x))
        .backward(dy -> block.backward(dy, dx));
  }
}
