package dev.gradcheck.samples.guide;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;
import dev.gradcheck.samples.nn.Dense;

// The guide's "Where settings come from": each attribute falls through on its own, so DenseTest's
// method gets its points from DenseTest and its seed from LayerTestBase. Top-level classes, as the
// guide writes them (SettingsTests runs DenseTest and checks its points and seeds).

// spotless:off
@GradCheck(points = 4, seed = 6)
class LayerTestBase { }

@GradCheck(points = 3)
class DenseTest extends LayerTestBase {
  @GradCheck
  void dense(GradientCheck check) {  // 3 points (DenseTest), seed 6 (LayerTestBase)
    Dense layer = new Dense(4, 3, check.random());
    double[] x = check.arrays().gaussian(4), dx = new double[4];
    check.param("W", layer.w, layer.dw).output(() -> layer.forward(x)).backward(dy -> layer.backward(dy, dx));
  }
}
// spotless:on
