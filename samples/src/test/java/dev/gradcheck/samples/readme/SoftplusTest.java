package dev.gradcheck.samples.readme;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

class SoftplusTest {

  @GradCheck(points = 3) // three random points, each its own test, its seed in its display name
  void softplus(GradientCheck check) {
    double[] x = check.arrays().gaussian(5); // seeded: a failure's seed reproduces this data
    double[] dx = new double[5];
    check
        .param("x", x, dx) // perturbed in place, always restored
        .loss(
            () -> {
              double sum = 0;
              for (double v : x) {
                sum += Math.log1p(Math.exp(v));
              }
              return sum;
            })
        .backward(
            () -> {
              for (int i = 0; i < x.length; i++) {
                dx[i] = 1 / (1 + Math.exp(-x[i]));
              }
            });
  }
}
