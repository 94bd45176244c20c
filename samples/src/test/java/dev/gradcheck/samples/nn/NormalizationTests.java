package dev.gradcheck.samples.nn;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

/** Checks {@link BatchNorm} and {@link LayerNorm}: scale, shift and input. */
class NormalizationTests {

  @GradCheck(points = 3)
  void batchNorm(GradientCheck check) {
    BatchNorm layer = new BatchNorm(3, 1e-5);
    System.arraycopy(check.arrays().uniform(0.5, 2, 3), 0, layer.gamma, 0, 3);
    System.arraycopy(check.arrays().gaussian(3), 0, layer.beta, 0, 3);
    double[] x = check.arrays().gaussian(4 * 3);
    double[] dx = new double[x.length];
    check
        .param("gamma", layer.gamma, layer.dgamma)
        .param("beta", layer.beta, layer.dbeta)
        .param("x", x, dx)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  @GradCheck(points = 3)
  void layerNorm(GradientCheck check) {
    LayerNorm layer = new LayerNorm(4, 1e-5);
    System.arraycopy(check.arrays().uniform(0.5, 2, 4), 0, layer.gamma, 0, 4);
    System.arraycopy(check.arrays().gaussian(4), 0, layer.beta, 0, 4);
    double[] x = check.arrays().gaussian(3 * 4);
    double[] dx = new double[x.length];
    check
        .param("gamma", layer.gamma, layer.dgamma)
        .param("beta", layer.beta, layer.dbeta)
        .param("x", x, dx)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }
}
