package dev.gradcheck.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradcheck.internal.storage.Entries;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The difference gradient a Hessian of a loss without backward is compared with. */
class NumericGradientTests {

  private static Declared declared(double[] x) {
    return new Declared("x", Entries.declared(x, null, "parameter 'x'", "x"), null);
  }

  @Test
  void isTheGradientToTheStencilsAccuracyAtBothInnerSteps() {
    double[] x = {0.3, -1.2};
    double[] g =
        NumericGradient.of(() -> Math.sin(x[0]) * x[1] + x[1] * x[1], List.of(declared(x)));
    assertThat(g).hasSize(4);
    assertThat(g[0]).isCloseTo(Math.cos(0.3) * -1.2, org.assertj.core.data.Offset.offset(1e-11));
    assertThat(g[1]).isCloseTo(Math.sin(0.3) - 2.4, org.assertj.core.data.Offset.offset(1e-11));
    // The second half, at twice the step, carries about 16 times the first half's error.
    assertThat(g[2]).isCloseTo(g[0], org.assertj.core.data.Offset.offset(1e-9));
    assertThat(x).containsExactly(0.3, -1.2);
  }

  @Test
  void anEntryIsPutBackAlsoWhenTheLossThrows() {
    double[] x = {0.3, -1.2};
    int[] calls = {0};
    assertThatThrownBy(
            () ->
                NumericGradient.of(
                    () -> {
                      if (++calls[0] == 9) { // the third evaluation along x[1]
                        throw new IllegalStateException("out of the domain");
                      }
                      return x[0] * x[1];
                    },
                    List.of(declared(x))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(x).containsExactly(0.3, -1.2);
  }
}
