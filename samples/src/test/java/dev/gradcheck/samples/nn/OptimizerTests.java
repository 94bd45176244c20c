package dev.gradcheck.samples.nn;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

/**
 * Checks one optimiser update as a function of the parameters, the gradient and the optimiser's
 * state, after a few real steps so that the state is not zero. {@link TrainingTests} checks that
 * the updates train.
 */
class OptimizerTests {

  private static final int SIZE = 6;

  @GradCheck(points = 3)
  void sgdStep(GradientCheck check) {
    Sgd sgd = new Sgd(SIZE, 0.1, 0.9);
    double[] w = check.arrays().gaussian(SIZE);
    for (int i = 0; i < 3; i++) {
      sgd.step(w, check.arrays().gaussian(SIZE));
    }
    double[] g = check.arrays().gaussian(SIZE);
    double[] dw = new double[SIZE];
    double[] dg = new double[SIZE];
    check
        .param("w", w, dw)
        .param("g", g, dg)
        .param("velocity", sgd.velocity, sgd.dvelocity)
        .output(() -> sgd.next(w, g))
        .backward(dnext -> sgd.backward(dnext, dw, dg));
  }

  @GradCheck(points = 3)
  void adamStep(GradientCheck check) {
    Adam adam = new Adam(SIZE, 0.01, 0.9, 0.999, 1e-8);
    double[] w = check.arrays().gaussian(SIZE);
    for (int i = 0; i < 3; i++) {
      adam.step(w, check.arrays().gaussian(SIZE));
    }
    double[] g = check.arrays().gaussian(SIZE);
    double[] dw = new double[SIZE];
    double[] dg = new double[SIZE];
    check
        .param("w", w, dw)
        .param("g", g, dg)
        .param("m", adam.m, adam.dm)
        .param("v", adam.v, adam.dv)
        .output(() -> adam.next(w, g))
        .backward(dnext -> adam.backward(dnext, dw, dg));
  }
}
