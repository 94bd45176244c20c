package dev.gradcheck.samples.nn;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

/**
 * Checks a whole classifier end to end, {@code Dense -> LayerNorm -> GELU -> Dense -> softmax
 * cross-entropy}, as a scalar loss of every parameter and the input: the layers' backward passes
 * chained by hand, the way a training loop chains them.
 */
class NetworkTests {

  @GradCheck(points = 3)
  void classifier(GradientCheck check) {
    Dense first = new Dense(4, 5, check.random());
    LayerNorm norm = new LayerNorm(5, 1e-5);
    Gelu gelu = new Gelu();
    Dense second = new Dense(5, 3, check.random());
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3);
    System.arraycopy(check.arrays().gaussian(5), 0, first.b, 0, 5);
    System.arraycopy(check.arrays().gaussian(5), 0, norm.beta, 0, 5);
    double[] x = check.arrays().gaussian(3 * 4);
    int[] labels = check.arrays().integers(3, 3);
    double[] dx = new double[x.length];
    double[] dlogits = new double[3 * 3];
    double[] dactivation = new double[3 * 5];
    double[] dnormalised = new double[3 * 5];
    double[] dhidden = new double[3 * 5];
    check
        .param("first.w", first.w, first.dw)
        .param("first.b", first.b, first.db)
        .param("norm.gamma", norm.gamma, norm.dgamma)
        .param("norm.beta", norm.beta, norm.dbeta)
        .param("second.w", second.w, second.dw)
        .param("second.b", second.b, second.db)
        .param("x", x, dx)
        .loss(
            () ->
                loss.forward(second.forward(gelu.forward(norm.forward(first.forward(x)))), labels))
        .backward(
            () -> {
              loss.backward(dlogits);
              second.backward(dlogits, dactivation);
              gelu.backward(dactivation, dnormalised);
              norm.backward(dnormalised, dhidden);
              first.backward(dhidden, dx);
            });
  }
}
