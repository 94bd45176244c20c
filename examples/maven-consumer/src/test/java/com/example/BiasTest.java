package com.example;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

/** A planted bug: the gradient of one bias entry has its sign flipped. This test must fail. */
class BiasTest {

  @GradCheck(seed = 0x5A3C91L)
  void bias(GradientCheck check) {
    double[] b = {0.3, -0.7};
    double[] db = new double[2];
    check
        .param("b", b, db)
        .loss(() -> b[0] * b[0] + Math.sin(b[1]))
        .backward(
            () -> {
              db[0] = 2 * b[0];
              db[1] = -Math.cos(b[1]); // the bug: d/db1 sin(b1) is +cos(b1)
            });
  }
}
