package dev.gradcheck;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class JacobianScratchTests {
  static double[] residuals(double[] t) {
    double[] r = new double[5];
    for (int i = 0; i < 5; i++) {
      double x = i * 0.5;
      r[i] = t[0] * Math.exp(-t[1] * x) + t[2] * x * x - Math.sin(x) + t[3] * Math.cos(x + t[0]);
    }
    return r;
  }
  static double[][] jacobian(double[] t) {
    double[][] j = new double[5][4];
    for (int i = 0; i < 5; i++) {
      double x = i * 0.5;
      j[i][0] = Math.exp(-t[1] * x) - t[3] * Math.sin(x + t[0]);
      j[i][1] = -t[0] * x * Math.exp(-t[1] * x);
      j[i][2] = x * x;
      j[i][3] = Math.cos(x + t[0]);
    }
    return j;
  }
  void show(String what, UnaryOperator<double[][]> bug) {
    double[] t = {1.5, 0.7, -0.3, 0.4};
    CheckResult r = GradientCheck.create().seed(1).param("theta", t).output(() -> residuals(t)).jacobian(() -> bug.apply(jacobian(t))).run();
    System.out.println("=== " + what + "\n" + Report.text(r));
  }
  @Test
  void scratch() {
    show("ok", j -> j);
    show("entry", j -> { j[3][2] *= 1.01; return j; });
    show("column sign", j -> { for (double[] r : j) r[1] = -r[1]; return j; });
    show("row factor", j -> { for (int k = 0; k < 4; k++) j[2][k] *= 2; return j; });
    show("swap columns", j -> { for (double[] r : j) { double a = r[0]; r[0] = r[3]; r[3] = a; } return j; });
    show("two entries", j -> { j[0][0] += 0.1; j[4][3] -= 0.2; return j; });
  }
}
