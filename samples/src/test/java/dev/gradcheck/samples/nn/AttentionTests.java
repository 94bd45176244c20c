package dev.gradcheck.samples.nn;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

/** Checks {@link SelfAttention}: the three projections and the input, with and without a mask. */
class AttentionTests {

  @GradCheck(points = 3)
  void selfAttention(GradientCheck check) {
    checkAttention(check, new SelfAttention(4, 3, false, check.random()));
  }

  @GradCheck(points = 3)
  void causalSelfAttention(GradientCheck check) {
    checkAttention(check, new SelfAttention(4, 3, true, check.random()));
  }

  /** Two sequences of three tokens. */
  private static void checkAttention(GradientCheck check, SelfAttention layer) {
    double[] x = check.arrays().gaussian(2 * 3 * layer.model);
    double[] dx = new double[x.length];
    check
        .param("wq", layer.wq, layer.dwq)
        .param("wk", layer.wk, layer.dwk)
        .param("wv", layer.wv, layer.dwv)
        .param("x", x, dx)
        .output(() -> layer.forward(x, 2))
        .backward(dy -> layer.backward(dy, dx));
  }
}
