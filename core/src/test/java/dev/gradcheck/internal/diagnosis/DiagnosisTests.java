package dev.gradcheck.internal.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.BugShape;
import dev.gradcheck.CheckResult;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Each bug shape, planted in the backward of {@code L(W) = Σ c_ij tanh(W_ij)}, receives its
 * diagnosis; the correct backward receives none.
 */
class DiagnosisTests {

  /** Checks the loss with a backward that passes the correct gradient {@code g} through a bug. */
  private static CheckResult check(int rows, int cols, BiConsumer<double[][], double[][]> bug) {
    Random random = new Random(1);
    double[][] w = new double[rows][cols];
    double[][] c = new double[rows][cols];
    double[][] dw = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        w[i][j] = random.nextGaussian();
        c[i][j] = random.nextGaussian() + 2;
      }
    }
    return GradientCheck.create()
        .seed(1)
        .param("W", w, dw)
        .loss(
            () -> {
              double s = 0;
              for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                  s += c[i][j] * Math.tanh(w[i][j]);
                }
              }
              return s;
            })
        .backward(
            () -> {
              double[][] g = new double[rows][cols];
              for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                  double t = Math.tanh(w[i][j]);
                  g[i][j] = c[i][j] * (1 - t * t);
                }
              }
              bug.accept(g, dw);
            })
        .run();
  }

  private static void copy(double[][] from, double[][] to) {
    for (int i = 0; i < from.length; i++) {
      System.arraycopy(from[i], 0, to[i], 0, from[i].length);
    }
  }

  private static Diagnosis only(CheckResult result) {
    List<Diagnosis> diagnoses = result.diagnoses();
    assertThat(diagnoses).hasSize(1);
    assertThat(Report.text(result)).contains("likely bug").contains(diagnoses.get(0).summary());
    return diagnoses.get(0);
  }

  @Test
  void correctGradientGetsNoDiagnosis() {
    CheckResult result = check(3, 4, DiagnosisTests::copy);
    assertThat(result.passed()).isTrue();
    assertThat(result.diagnoses()).isEmpty();
    assertThat(Report.text(result)).doesNotContain("likely bug");
  }

  @Test
  void signFlip() {
    Diagnosis d =
        only(
            check(
                3,
                4,
                (g, dw) -> {
                  for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                      dw[i][j] = -g[i][j];
                    }
                  }
                }));
    assertThat(d.shape()).isEqualTo(new BugShape.SignFlip(12, 12));
    assertThat(d.parameter()).contains("W");
    assertThat(d.summary()).startsWith("sign error");
    assertThat(d.confidence()).isGreaterThan(0.9);
  }

  @Test
  void halfScaleNamesTheRatio() {
    Diagnosis d = only(check(3, 4, (g, dw) -> scale(g, dw, 0.5)));
    assertThat(d.shape())
        .isInstanceOfSatisfying(
            BugShape.Scaled.class,
            s -> {
              assertThat(s.ratio()).contains(new BugShape.Ratio(1, 2));
              assertThat(s.factor()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
            });
    assertThat(d.summary()).contains("1/2 × numeric").contains("factor 2");
  }

  @Test
  void batchSizeScaleIsNamedAsAMean() {
    Diagnosis d = only(check(3, 4, (g, dw) -> scale(g, dw, 1.0 / 32)));
    assertThat(((BugShape.Scaled) d.shape()).ratio())
        .map(BugShape.Ratio::toString)
        .contains("1/32");
    assertThat(d.summary()).contains("batch size");
    Diagnosis times = only(check(3, 4, (g, dw) -> scale(g, dw, 16)));
    assertThat(((BugShape.Scaled) times.shape()).ratio())
        .map(BugShape.Ratio::toString)
        .contains("16");
    Diagnosis odd = only(check(3, 4, (g, dw) -> scale(g, dw, 1.2345678)));
    assertThat(((BugShape.Scaled) odd.shape()).ratio()).isEmpty();
    Diagnosis fraction = only(check(3, 4, (g, dw) -> scale(g, dw, 2.0 / 3)));
    assertThat(((BugShape.Scaled) fraction.shape()).ratio())
        .map(BugShape.Ratio::toString)
        .contains("2/3");
  }

  private static void scale(double[][] g, double[][] dw, double factor) {
    for (int i = 0; i < g.length; i++) {
      for (int j = 0; j < g[i].length; j++) {
        dw[i][j] = factor * g[i][j];
      }
    }
  }

  @Test
  void transposedSquareMatrix() {
    Diagnosis d =
        only(
            check(
                3,
                3,
                (g, dw) -> {
                  for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                      dw[i][j] = g[j][i];
                    }
                  }
                }));
    assertThat(d.shape()).isInstanceOf(BugShape.Transposed.class);
  }

  @Test
  void transposedNonSquareMatrixInTheSameStorage() {
    Diagnosis d =
        only(
            check(
                3,
                4,
                (g, dw) -> {
                  double[] flat = new double[12];
                  for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                      flat[j * 3 + i] = g[i][j];
                    }
                  }
                  for (int k = 0; k < 12; k++) {
                    dw[k / 4][k % 4] = flat[k];
                  }
                }));
    assertThat(d.shape()).isInstanceOf(BugShape.Transposed.class);
    assertThat(d.summary()).contains("3×4 storage");
  }

  @Test
  void missingGradientEverywhere() {
    Diagnosis d = only(check(3, 4, (g, dw) -> {}));
    assertThat(d.shape()).isEqualTo(new BugShape.MissingGradient(12, 12));
    assertThat(d.summary()).contains("never reaches 'W'");
  }

  @Test
  void lastRowZeroIsALoopBound() {
    Diagnosis d =
        only(
            check(
                3,
                4,
                (g, dw) -> {
                  copy(g, dw);
                  java.util.Arrays.fill(dw[2], 0);
                }));
    assertThat(d.shape())
        .isEqualTo(
            new BugShape.SliceWrong(0, 2, 3, 2, BugShape.SliceWrong.Content.ZERO, Double.NaN));
    assertThat(d.summary()).contains("the last row (2)").contains("loop bound");
  }

  @Test
  void oneColumnSignFlipped() {
    Diagnosis d =
        only(
            check(
                3,
                4,
                (g, dw) -> {
                  copy(g, dw);
                  for (int i = 0; i < 3; i++) {
                    dw[i][1] = -g[i][1];
                  }
                }));
    assertThat(d.shape())
        .isEqualTo(
            new BugShape.SliceWrong(
                1, 1, 4, 2, BugShape.SliceWrong.Content.SIGN_FLIPPED, Double.NaN));
    assertThat(((BugShape.SliceWrong) d.shape()).slice()).isEqualTo("column");
  }

  @Test
  void twoWrongEntriesInOneRowAreNotTheWholeRow() {
    Diagnosis d =
        only(
            check(
                4,
                12,
                (g, dw) -> {
                  copy(g, dw);
                  dw[1][3] *= 1.5;
                  dw[1][7] *= 1.5;
                }));
    assertThat(d.shape()).isInstanceOf(BugShape.Partial.class);
    assertThat(d.summary()).contains("W[1][3]").contains("W[1][7]").contains("3/2 × numeric");
  }

  @Test
  void floatScaleIsNamedAsARatio() {
    float[] w = {0.3f, -1.2f, 0.8f, 2.0f, -0.5f, 1.1f};
    float[] dw = new float[w.length];
    CheckResult result =
        GradientCheck.create()
            .seed(4)
            .param("w", w, dw)
            .loss(
                () -> {
                  float s = 0;
                  for (float v : w) {
                    s += (float) Math.sin(v) * v;
                  }
                  return s;
                })
            .backward(
                () -> {
                  for (int i = 0; i < w.length; i++) {
                    dw[i] = (float) ((Math.cos(w[i]) * w[i] + Math.sin(w[i])) * 8);
                  }
                })
            .run();
    Diagnosis d = only(result);
    assertThat(d.shape())
        .isInstanceOfSatisfying(
            BugShape.Scaled.class,
            s -> assertThat(s.ratio()).map(BugShape.Ratio::toString).contains("8"));
    assertThat(d.summary()).contains("batch size");
  }

  @Test
  void residualBlockWithoutItsSkipGradient() {
    double[] x = {0.3, -0.8, 1.1, 0.4};
    double[] dx = new double[4];
    double[] y = new double[4];
    CheckResult result =
        GradientCheck.create()
            .seed(6)
            .param("x", x, dx)
            .output(
                () -> {
                  for (int i = 0; i < 4; i++) {
                    y[i] = x[i] + Math.tanh(x[i]); // y = x + f(x)
                  }
                  return y;
                })
            .backward(
                dy -> {
                  for (int i = 0; i < 4; i++) {
                    double t = Math.tanh(x[i]);
                    dx[i] = dy[i] * (1 - t * t); // the bug: the identity path's dy is missing
                  }
                })
            .run();
    assertThat(result.upstream()).isPresent();
    assertThat(only(result).shape()).isEqualTo(new BugShape.SkipPath(-1));
  }

  @Test
  void sliceOfATensorIsNamedByItsPattern() {
    double[][][] t = new double[3][2][4];
    double[][][] dt = new double[3][2][4];
    Random random = new Random(8);
    for (double[][] m : t) {
      for (double[] row : m) {
        for (int c = 0; c < row.length; c++) {
          row[c] = random.nextGaussian();
        }
      }
    }
    CheckResult result =
        GradientCheck.create()
            .seed(8)
            .param("t", t, dt)
            .loss(
                () -> {
                  double s = 0;
                  for (double[][] m : t) {
                    for (double[] row : m) {
                      for (double v : row) {
                        s += Math.exp(v);
                      }
                    }
                  }
                  return s;
                })
            .backward(
                () -> {
                  for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 2; b++) {
                      for (int c = 0; c < 4; c++) {
                        dt[a][b][c] = c == 3 ? 0 : Math.exp(t[a][b][c]);
                      }
                    }
                  }
                })
            .run();
    Diagnosis d = only(result);
    assertThat(d.shape())
        .isEqualTo(
            new BugShape.SliceWrong(2, 3, 4, 3, BugShape.SliceWrong.Content.ZERO, Double.NaN));
    assertThat(d.summary()).contains("t[:][:][3]").contains("the last along axis 2");
  }

  @Test
  void shiftedByOneAlongColumns() {
    Diagnosis d =
        only(
            check(
                3,
                4,
                (g, dw) -> {
                  for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                      dw[i][j] = j < 3 ? g[i][j + 1] : 0.123;
                    }
                  }
                }));
    assertThat(d.shape()).isEqualTo(new BugShape.Shifted(1, 1));
  }

  @Test
  void partlyWrongListsTheEntries() {
    Diagnosis d =
        only(
            check(
                4,
                4,
                (g, dw) -> {
                  copy(g, dw);
                  dw[0][1] *= 1.5;
                  dw[3][2] += 0.3;
                }));
    assertThat(d.shape())
        .isInstanceOfSatisfying(
            BugShape.Partial.class,
            p -> {
              assertThat(p.wrong()).isEqualTo(2);
              assertThat(p.of()).isEqualTo(16);
              assertThat(p.entries()).containsExactly("W[0][1]", "W[3][2]");
            });
  }

  @Test
  void scatteredZerosAreAMissingGradient() {
    Diagnosis d =
        only(
            check(
                4,
                4,
                (g, dw) -> {
                  copy(g, dw);
                  dw[0][1] = 0;
                  dw[3][2] = 0;
                }));
    assertThat(d.shape()).isEqualTo(new BugShape.MissingGradient(2, 16));
  }

  @Test
  void scatteredSignFlipsAreASignError() {
    Diagnosis d =
        only(
            check(
                4,
                4,
                (g, dw) -> {
                  copy(g, dw);
                  dw[0][1] = -g[0][1];
                  dw[3][2] = -g[3][2];
                }));
    assertThat(d.shape()).isEqualTo(new BugShape.SignFlip(2, 16));
  }

  @Test
  void noiseIsUnexplainedRatherThanGuessed() {
    Random noise = new Random(5);
    double[][] values = new double[3][4];
    for (double[] row : values) {
      for (int j = 0; j < row.length; j++) {
        row[j] = noise.nextGaussian();
      }
    }
    Diagnosis d = only(check(3, 4, (g, dw) -> copy(values, dw)));
    assertThat(d.shape()).isInstanceOf(BugShape.Unexplained.class);
    assertThat(d.confidence()).isZero();
  }

  @Test
  void accumulatingBackwardIsDiagnosedWithItsRatio() {
    double[] w = {0.5, -1.5};
    double[] dw = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(2)
            .param("w", w, dw)
            .loss(() -> w[0] * w[0] + w[1])
            .backward(
                () -> {
                  dw[0] += 2 * w[0];
                  dw[1] += 1;
                })
            .run();
    assertThat(result.diagnoses())
        .first()
        .satisfies(
            d -> {
              assertThat(d.shape()).isEqualTo(new BugShape.Accumulating(2.0));
              assertThat(d.summary()).contains("2×");
            });
  }

  @Test
  void nondeterministicAndMutatingForwardsAreDiagnosed() {
    double[] w = {0.5};
    double[] dw = new double[1];
    int[] calls = {0};
    CheckResult random =
        GradientCheck.create()
            .param("w", w, dw)
            .loss(() -> w[0] + calls[0]++)
            .backward(() -> dw[0] = 1)
            .run();
    assertThat(random.diagnoses())
        .extracting(Diagnosis::shape)
        .first()
        .isInstanceOf(BugShape.Nondeterministic.class);
    double[] v = {0.5};
    double[] dv = new double[1];
    CheckResult mutating =
        GradientCheck.create()
            .param("v", v, dv)
            .loss(
                () -> {
                  v[0] = v[0] * 0.5;
                  return v[0];
                })
            .backward(() -> dv[0] = 0.5)
            .run();
    assertThat(mutating.diagnoses())
        .extracting(Diagnosis::shape)
        .first()
        .isEqualTo(new BugShape.MutatedInput("forward"));
  }

  @Test
  void subgradientOutsideAKink() {
    double[] z = {0.0};
    double[] dz = new double[1];
    CheckResult result =
        GradientCheck.create()
            .param("z", z, dz)
            .loss(() -> Math.max(0, z[0]))
            .backward(() -> dz[0] = 2)
            .run();
    assertThat(only(result).shape()).isEqualTo(new BugShape.KinkOutside(1));
  }
}
