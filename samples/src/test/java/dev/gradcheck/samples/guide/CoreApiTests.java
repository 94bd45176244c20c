package dev.gradcheck.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckFailure;
import dev.gradcheck.Outcome;
import dev.gradcheck.Report;
import org.junit.jupiter.api.Test;

/** The guide's "The core API without JUnit", run as written. */
class CoreApiTests {

  /** Least squares {@code ½ ‖A w − y‖²} of a linear model; its backward writes the gradient. */
  static class Model {
    static final double[][] A = {
      {1.0, 0.5, -0.3}, {0.2, -1.1, 0.7}, {-0.6, 0.4, 1.3}, {0.9, 0.1, 0.2}
    };
    static final double[] Y = {0.4, -0.2, 1.1, 0.3};
    final double[] w;
    final double[] dw;

    Model(double[] w) {
      this.w = w;
      this.dw = new double[w.length];
    }

    double loss() {
      double sum = 0;
      for (double r : residuals()) {
        sum += 0.5 * r * r;
      }
      return sum;
    }

    void backward() {
      double[] r = residuals();
      for (int j = 0; j < w.length; j++) {
        dw[j] = 0;
        for (int i = 0; i < A.length; i++) {
          dw[j] += scale() * A[i][j] * r[i];
        }
      }
    }

    double scale() {
      return 1;
    }

    double[] residuals() {
      double[] r = new double[A.length];
      for (int i = 0; i < A.length; i++) {
        r[i] = -Y[i];
        for (int j = 0; j < w.length; j++) {
          r[i] += A[i][j] * w[j];
        }
      }
      return r;
    }
  }

  /** The backward of ‖A w − y‖² for the loss ½ ‖A w − y‖²: twice the gradient. */
  static final class DoubledGradient extends Model {
    DoubledGradient(double[] w) {
      super(w);
    }

    @Override
    double scale() {
      return 2;
    }
  }

  static CheckResult run(Model model) {
    double[] w = model.w;
    double[] dw = model.dw;
    // spotless:off
    CheckResult result = GradientCheck.create()
        .seed(42)                                  // optional; random by default
        .relativeTolerance(1e-6)                   // optional; estimated by default
        .param("w", w, dw)
        .loss(() -> model.loss())
        .backward(() -> model.backward())
        .run();
    result.outcome();                              // PASSED, CONTRACT_BROKEN, FAILED, INCOMPLETE, INCONCLUSIVE
    result.passed();                               // outcome() == PASSED
    Report.text(result);                           // the facts shown above
    Report.entries(result);                        // gradcheck.result, gradcheck.seed, ... as key-value pairs
    result.assertPassed();                         // throws GradientCheckFailure (an AssertionError)
    // spotless:on
    return result;
  }

  @Test
  void aCorrectGradientPasses() {
    CheckResult result = run(new Model(new double[] {0.5, -0.2, 0.9}));
    assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(result.passed()).isTrue();
    assertThat(result.seed()).isEqualTo(42);
    assertThat(result.parameter("w").verified()).isEqualTo(3);
    assertThat(Report.text(result)).startsWith("gradient check passed");
    assertThat(Report.entries(result))
        .containsEntry("gradcheck.result", "passed")
        .containsEntry("gradcheck.seed", "0x2AL")
        .containsEntry("gradcheck.verified.w", "3 of 3 entries");
  }

  @Test
  void aWrongGradientThrowsAnAssertionErrorWithTheResult() {
    GradientCheckFailure failure =
        catchThrowableOfType(
            GradientCheckFailure.class,
            () -> run(new DoubledGradient(new double[] {0.5, -0.2, 0.9})));
    assertThat(failure).isInstanceOf(AssertionError.class);
    assertThat(failure.result().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failure.getMessage()).startsWith("gradient of 'w' is wrong");
  }
}
