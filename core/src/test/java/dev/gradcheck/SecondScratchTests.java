package dev.gradcheck;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SecondScratchTests {
  static double f(double[] x) {
    return x[0] * x[0] * x[1]
        + Math.sin(x[2]) * x[0]
        + 0.05 * (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
  }

  static void g(double[] x, double[] g) {
    g[0] = 2 * x[0] * x[1] + Math.sin(x[2]) + 0.1 * x[0];
    g[1] = x[0] * x[0] + 0.1 * x[1];
    g[2] = Math.cos(x[2]) * x[0] + 0.1 * x[2];
  }

  static double[][] h(double[] x) {
    return new double[][] {
      {2 * x[1] + 0.1, 2 * x[0], Math.cos(x[2])},
      {2 * x[0], 0.1, 0},
      {Math.cos(x[2]), 0, -Math.sin(x[2]) * x[0] + 0.1}
    };
  }

  void show(String what, UnaryOperator<double[][]> bug) {
    double[] x = {0.7, -0.4, 1.1};
    double[] gr = new double[3];
    CheckResult r =
        GradientCheck.create()
            .seed(1)
            .param("x", x, gr)
            .loss(() -> f(x))
            .backward(() -> g(x, gr))
            .hessian(() -> bug.apply(h(x)))
            .run();
    System.out.println("=== " + what + " " + r.outcome() + "\n" + Report.text(r));
  }

  @Test
  void scratch() {
    show("ok", m -> m);
    show(
        "asym",
        m -> {
          m[2][0] = -m[2][0];
          return m;
        });
    show(
        "lambda",
        m -> {
          for (int i = 0; i < 3; i++) m[i][i] -= 0.1;
          return m;
        });
    double[] x = {0.7, -0.4, 1.1};
    double[] gr = new double[3];
    CheckResult r =
        GradientCheck.create()
            .seed(1)
            .param("x", x, gr)
            .loss(() -> f(x))
            .backward(
                () -> {
                  g(x, gr);
                  gr[1] *= 2;
                })
            .hessian(() -> h(x))
            .run();
    System.out.println("=== bad gradient " + r.outcome() + "\n" + Report.text(r));
    r =
        GradientCheck.create()
            .seed(1)
            .param("x", x, gr)
            .loss(() -> f(x))
            .backward(() -> g(x, gr))
            .hessianVectorProduct(
                v -> {
                  double[][] m = h(x);
                  double[] o = new double[3];
                  for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++) o[i] += m[i][j] * Math.abs(v[j]);
                  return o;
                })
            .run();
    System.out.println(
        "=== hvp abs "
            + r.outcome()
            + "\n"
            + Report.text(r)
            + "\nfollowups "
            + r.followUps()
            + " "
            + r.followUps().get(0).violations()
            + r.followUps().get(0).parameters());
    double[] dx = new double[3];
    r =
        GradientCheck.create()
            .seed(1)
            .param("x", x, dx)
            .output(() -> new double[] {x[0] * x[1], Math.sin(x[2])})
            .backward(
                dy -> {
                  dx[0] = dy[0] * x[1];
                  dx[1] = dy[0] * x[0];
                  dx[2] = dy[1] * Math.cos(x[2]);
                })
            .jacobianVectorProduct(
                v -> new double[] {v[0] * x[1] + v[1] * x[0], v[2] * Math.cos(x[2]) * 1.0})
            .run();
    System.out.println("=== jvp ok " + r.outcome() + "\n" + Report.text(r));
    r =
        GradientCheck.create()
            .seed(1)
            .param("x", x)
            .output(() -> new double[] {x[0] * x[1], Math.sin(x[2])})
            .jacobianVectorProduct(
                v -> new double[] {v[0] * x[1] + v[1] * x[0], v[2] * Math.sin(x[2])})
            .run();
    System.out.println("=== jvp alone bad " + r.outcome() + "\n" + Report.text(r));
  }
}
