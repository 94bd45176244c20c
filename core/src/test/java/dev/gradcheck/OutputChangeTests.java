package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A forward whose output changes shape or type between calls, even on a single call, breaks the
 * contract of a layer: it is reported with both shapes or types, never blamed on the forward
 * throwing and never passed silently.
 */
class OutputChangeTests {

  /** {@code y = (x0², x0·x1)} as the forward returns it on its n-th call. */
  private static Throwable run(double[] x, IntFunction<Object> output) {
    int[] calls = {0};
    double[] dx = new double[2];
    return catchThrowable(
        () ->
            GradientCheck.create()
                .seed(4)
                .param("x", x, dx)
                .output(() -> output.apply(++calls[0]))
                .backward(
                    dy -> {
                      double[] u = Flat.read(dy);
                      dx[0] = 2 * x[0] * u[0] + x[1] * u[1];
                      dx[1] = x[0] * u[1];
                    })
                .run());
  }

  private static double[] y(double[] x) {
    return new double[] {x[0] * x[0], x[0] * x[1]};
  }

  private static float[] asFloats(double[] y) {
    return new float[] {(float) y[0], (float) y[1]};
  }

  @Test
  void aShapeThatChangesOnASingleCallAtAPerturbedPoint() {
    double[] x = {0.5, -0.25};
    for (int at : new int[] {2, 15, 25}) {
      Throwable e = run(x, n -> n == at ? new double[3] : y(x));

      assertThat(e).as("call " + at).isInstanceOf(GradientCheckException.class);
      assertThat(e.getMessage())
          .as("call " + at)
          .contains("shape [3]")
          .contains("shape [2]")
          .contains("same type and shape")
          .doesNotContain("forward threw");
      assertThat(x).containsExactly(0.5, -0.25);
      if (at == 15) {
        System.out.println("output change: " + e.getMessage());
      }
    }
  }

  @Test
  void aTypeThatChangesFromDoubleToFloat() {
    double[] x = {0.5, -0.25};
    for (int from : new int[] {2, 15}) {
      Throwable e = run(x, n -> n >= from ? asFloats(y(x)) : y(x));

      assertThat(e).as("from call " + from).isInstanceOf(GradientCheckException.class);
      assertThat(e.getMessage())
          .as("from call " + from)
          .contains("float[]")
          .contains("double[]")
          .doesNotContain("forward threw");
      assertThat(x).containsExactly(0.5, -0.25);
    }
  }

  @Test
  void theSameTypeAndShapeEveryTimePasses() {
    double[] x = {0.5, -0.25};
    assertThat(run(x, n -> n % 2 == 0 ? y(x) : y(x).clone())).isNull();
  }
}
