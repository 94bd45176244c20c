package dev.gradcheck.internal.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.BugShape;
import dev.gradcheck.CheckResult;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** A diagnosis is never more than one number, or one entry, can support. */
class OverclaimTests {

  private static Diagnosis only(CheckResult result) {
    assertThat(result.diagnoses()).as(Report.text(result)).hasSize(1);
    return result.diagnoses().get(0);
  }

  @Test
  void aOneEntryParameterIsNoWholeParameterScale() {
    double[] b = {0.4};
    double[] db = new double[1];
    Diagnosis d =
        only(
            GradientCheck.create()
                .seed(1)
                .param("b", b, db)
                .loss(() -> Math.sin(b[0]))
                .backward(() -> db[0] = 3.7374 * Math.cos(b[0]))
                .run());

    assertThat(d.shape()).isNotInstanceOf(BugShape.Scaled.class);
    assertThat(d.summary()).doesNotContain("every entry");
  }

  @Test
  void aMostlyZeroParameterWithOneWrongEntryIsNoScale() {
    double[] w = {0.4, -1.2, 0.7, 0.3, -0.5, 0.9};
    double[] dw = new double[w.length];
    Diagnosis d =
        only(
            GradientCheck.create()
                .seed(2)
                .param("w", w, dw)
                .loss(() -> Math.sin(w[1]))
                .backward(
                    () -> {
                      java.util.Arrays.fill(dw, 0);
                      dw[1] = 3 * Math.cos(w[1]);
                    })
                .run());

    assertThat(d.shape()).isNotInstanceOf(BugShape.Scaled.class);
    assertThat(d.summary()).doesNotContain("every entry");
  }

  @Test
  void aFactorWithinRoundingOfOneIsNoScale() {
    double[] w = {0.4, -1.2, 0.7};
    double[] dw = new double[3];
    CheckResult result =
        GradientCheck.create()
            .seed(3)
            .param("w", w, dw)
            .loss(() -> Math.sin(w[0]) + Math.sin(w[1]) + Math.sin(w[2]))
            .backward(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    dw[i] = 0.99998 * Math.cos(w[i]);
                  }
                })
            .run();

    assertThat(result.diagnoses())
        .isNotEmpty()
        .noneMatch(d -> d.shape() instanceof BugShape.Scaled);
  }

  /** The forward reads a copy of the declared array: numeric 0 everywhere, analytic not. */
  @Test
  void aForwardThatReadsACopyIsNamed() {
    double[] w = {0.4, -1.2, 0.7};
    double[] copy = w.clone();
    double[] dw = new double[3];
    Diagnosis d =
        only(
            GradientCheck.create()
                .seed(4)
                .param("w", w, dw)
                .loss(() -> copy[0] * copy[0] + copy[1] * copy[1] + copy[2] * copy[2])
                .backward(
                    () -> {
                      for (int i = 0; i < 3; i++) {
                        dw[i] = 2 * w[i];
                      }
                    })
                .run());

    assertThat(d.shape()).isInstanceOf(BugShape.Disconnected.class);
    assertThat(d.summary())
        .contains("does not depend on 'w'")
        .contains("read a copy of 'w'")
        .doesNotContain("L2 penalty");
  }

  /** A ReLU layer's backward without its mask: a gradient on the dead units' rows. */
  @Test
  void aBackwardWithoutItsReluMaskIsNamed() {
    double[] w = {0.5, 0.2, -0.9, -0.4, 0.3, 0.8};
    double[] dw = new double[6];
    double[] x = {1.0, 2.0};
    Diagnosis d =
        only(
            GradientCheck.create()
                .seed(6)
                .param("W", w, dw, 3, 2)
                .loss(
                    () -> {
                      double s = 0;
                      for (int j = 0; j < 3; j++) {
                        s += Math.max(0, w[2 * j] * x[0] + w[2 * j + 1] * x[1]);
                      }
                      return s;
                    })
                .backward(
                    () -> {
                      for (int j = 0; j < 3; j++) {
                        dw[2 * j] = x[0]; // the bug: no mask, the dead unit gets a gradient
                        dw[2 * j + 1] = x[1];
                      }
                    })
                .run());

    assertThat(d.shape()).isInstanceOf(BugShape.MissingMask.class);
    assertThat(d.summary())
        .startsWith("gradient where the function is flat")
        .contains("W[1][0], W[1][1]")
        .contains("a missing mask");
  }

  /** {@code dw = dy.outerProduct(x)} on a field: the declared gradient object stays zero. */
  @Test
  void aBackwardThatAssignsANewObjectIsNamed() {
    Layer layer = new Layer();
    Diagnosis d =
        only(
            GradientCheck.create()
                .seed(5)
                .param("W", layer.w, layer.dw)
                .loss(layer::loss)
                .backward(layer::backward)
                .run());

    assertThat(d.shape()).isInstanceOf(BugShape.MissingGradient.class);
    assertThat(d.summary()).contains("assigns a new object");
  }

  private static final class Layer {
    final RealMatrix w = new Array2DRowRealMatrix(new double[][] {{0.4, -0.3}, {0.2, 0.9}});
    RealMatrix dw = new Array2DRowRealMatrix(2, 2);

    double loss() {
      double s = 0;
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          s += Math.sin(w.getEntry(i, j));
        }
      }
      return s;
    }

    void backward() {
      RealMatrix fresh = new Array2DRowRealMatrix(2, 2);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          fresh.setEntry(i, j, Math.cos(w.getEntry(i, j)));
        }
      }
      dw = fresh; // the bug: the check reads the matrix it was given, which stays zero
    }
  }
}
