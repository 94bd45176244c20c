package dev.gradcheck.samples.nn;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

/**
 * Checks {@link Rnn} and {@link Lstm} unrolled over four steps: weights, bias, the whole input
 * sequence and the initial states, which backpropagation through time must all reach.
 */
class RecurrentTests {

  private static final int STEPS = 4;
  private static final int BATCH = 2;
  private static final int INPUTS = 3;
  private static final int HIDDEN = 3;

  @GradCheck(points = 3)
  void rnn(GradientCheck check) {
    Rnn layer = new Rnn(INPUTS, HIDDEN, check.random());
    System.arraycopy(check.arrays().gaussian(HIDDEN), 0, layer.b, 0, HIDDEN);
    double[] x = check.arrays().gaussian(STEPS * BATCH * INPUTS);
    double[] h0 = check.arrays().gaussian(BATCH * HIDDEN);
    double[] dx = new double[x.length];
    double[] dh0 = new double[h0.length];
    check
        .param("wx", layer.wx, layer.dwx)
        .param("wh", layer.wh, layer.dwh)
        .param("b", layer.b, layer.db)
        .param("x", x, dx)
        .param("h0", h0, dh0)
        .output(() -> layer.forward(x, h0))
        .backward(dy -> layer.backward(dy, dx, dh0));
  }

  @GradCheck(points = 3)
  void lstm(GradientCheck check) {
    Lstm layer = new Lstm(INPUTS, HIDDEN, check.random());
    System.arraycopy(check.arrays().gaussian(4 * HIDDEN), 0, layer.b, 0, 4 * HIDDEN);
    double[] x = check.arrays().gaussian(STEPS * BATCH * INPUTS);
    double[] h0 = check.arrays().gaussian(BATCH * HIDDEN);
    double[] c0 = check.arrays().gaussian(BATCH * HIDDEN);
    double[] dx = new double[x.length];
    double[] dh0 = new double[h0.length];
    double[] dc0 = new double[c0.length];
    check
        .param("wx", layer.wx, layer.dwx)
        .param("wh", layer.wh, layer.dwh)
        .param("b", layer.b, layer.db)
        .param("x", x, dx)
        .param("h0", h0, dh0)
        .param("c0", c0, dc0)
        .output(() -> layer.forward(x, h0, c0))
        .backward(dy -> layer.backward(dy, dx, dh0, dc0));
  }
}
