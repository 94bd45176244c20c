package dev.gradcheck.samples.nn;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

/** Checks {@link Dense} and {@link DenseFloat}: weights, bias and input. */
class DenseTests {

  @GradCheck(points = 3)
  void dense(GradientCheck check) {
    Dense layer = new Dense(4, 3, check.random());
    System.arraycopy(check.arrays().gaussian(3), 0, layer.b, 0, 3);
    double[] x = check.arrays().gaussian(2 * 4);
    double[] dx = new double[x.length];
    check
        .param("w", layer.w, layer.dw)
        .param("b", layer.b, layer.db)
        .param("x", x, dx)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  /** The same layer in float: gradcheck picks float steps and tolerances from the storage. */
  @GradCheck(points = 3)
  void denseFloat(GradientCheck check) {
    DenseFloat layer = new DenseFloat(4, 3, check.random());
    System.arraycopy(check.arrays().gaussianFloats(3), 0, layer.b, 0, 3);
    float[] x = check.arrays().gaussianFloats(2 * 4);
    float[] dx = new float[x.length];
    check
        .param("w", layer.w, layer.dw)
        .param("b", layer.b, layer.db)
        .param("x", x, dx)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }
}
