package dev.gradcheck.samples.readme;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

class LinearLayerTest {

  /** y = W x + b for one input vector, with a hand-written backward. */
  static final class Linear {
    final double[][] w;
    final double[] b;
    final double[][] dw;
    final double[] db;

    Linear(double[][] w, double[] b) {
      this.w = w;
      this.b = b;
      this.dw = new double[w.length][w[0].length];
      this.db = new double[b.length];
    }

    double[] forward(double[] x) {
      double[] y = b.clone();
      for (int o = 0; o < w.length; o++) {
        for (int i = 0; i < x.length; i++) {
          y[o] += w[o][i] * x[i];
        }
      }
      return y;
    }

    void backward(double[] x, double[] dy, double[] dx) {
      java.util.Arrays.fill(dx, 0);
      for (int o = 0; o < w.length; o++) {
        db[o] = dy[o];
        for (int i = 0; i < x.length; i++) {
          dw[o][i] = dy[o] * x[i];
          dx[i] += dy[o] * w[o][i];
        }
      }
    }
  }

  @GradCheck
  void linear(GradientCheck check) {
    Linear layer = new Linear(check.arrays().gaussian(2, 3), check.arrays().gaussian(2));
    double[] x = check.arrays().gaussian(3);
    double[] dx = new double[3];
    check
        .param("W", layer.w, layer.dw)
        .param("b", layer.b, layer.db)
        .param("x", x, dx) // inputs are parameters too
        .output(() -> layer.forward(x)) // vector output ...
        .backward(dy -> layer.backward(x, dy, dx)); // ... and backprop of a random upstream dy
  }
}
