package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.gradcheck.ContractViolation.AccumulatingBackward;
import dev.gradcheck.ContractViolation.MutatedParameter;
import dev.gradcheck.ContractViolation.NonFiniteValue;
import dev.gradcheck.ContractViolation.NondeterministicForward;
import dev.gradcheck.ContractViolation.ParameterNotRestored;
import org.junit.jupiter.api.Test;

/**
 * Each broken contract of a forward or backward is reported as what it is, with the parameter,
 * entry and values, never as a generic gradient mismatch. Every fixture is otherwise correct.
 */
class ContractTests {

  private final double[][] w = {{0.5, -0.25}, {0.75, 1.5}, {-1.0, 0.125}};
  private final double[][] dw = new double[3][2];

  private double loss() {
    return SmoothLoss.value(Flat.read(w));
  }

  private void backward() {
    Flat.write(dw, SmoothLoss.gradient(Flat.read(w)));
  }

  private static <T extends ContractViolation> T onlyViolation(CheckResult result, Class<T> type) {
    assertThat(result.passed()).isFalse();
    assertThat(result.violations())
        .as("the one broken contract, and no follow-on misdiagnosis of it")
        .hasSize(1);
    return assertThat(result.violations().get(0)).asInstanceOf(type(type)).actual();
  }

  /** The rendered result has a {@code problem} fact that gives the violation's title. */
  private static void assertRenderNames(CheckResult result, ContractViolation v) {
    String render = Report.text(result);
    assertThat(render.lines().findFirst().orElseThrow()).contains(v.title());
    assertThat(render.lines())
        .anyMatch(
            l -> l.startsWith("problem") && l.contains(v.title()) && l.contains(v.describe()));
  }

  @Test
  void nondeterministicLoss() {
    int[] calls = {0};
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("W", w, dw)
            .loss(() -> loss() + 1e-9 * ++calls[0]) // state kept between calls
            .backward(this::backward)
            .run();

    NondeterministicForward v = onlyViolation(result, NondeterministicForward.class);
    assertThat(v.quantity()).isEqualTo("loss");
    assertThat(v.second() - v.first()).isCloseTo(1e-9, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(v.title()).isEqualTo("nondeterministic forward");
    // Named as nondeterminism, not blamed on the gradient.
    assertThat(result.count(Verdict.FAIL)).isZero();
    assertRenderNames(result, v);
  }

  @Test
  void nondeterministicOutputNamesTheOutputEntry() {
    java.util.Random unseeded = new java.util.Random();
    double[] x = {0.3, -0.7};
    double[] dx = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("x", x, dx)
            .output(
                () ->
                    new double[][] {
                      {x[0] * x[1], x[0]}, {x[1], x[0] + x[1] * (1 + 1e-6 * unseeded.nextDouble())}
                    })
            .backward(
                dy -> {
                  dx[0] = dy[0][0] * x[1] + dy[0][1] + dy[1][1];
                  dx[1] = dy[0][0] * x[0] + dy[1][0] + dy[1][1];
                })
            .run();

    NondeterministicForward v = onlyViolation(result, NondeterministicForward.class);
    assertThat(v.quantity()).isEqualTo("output[1][1]");
    assertThat(v.first()).isNotEqualTo(v.second());
    assertThat(result.kind()).isEqualTo(CheckKind.VECTOR_JACOBIAN_PRODUCT);
    assertRenderNames(result, v);
    assertThat(Report.text(result)).contains("output[1][1]");
  }

  @Test
  void forwardThatModifiesAParameter() {
    double[][] before = {w[0].clone(), w[1].clone(), w[2].clone()};
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("W", w, dw)
            .loss(
                () -> {
                  double f = loss();
                  w[2][0] = 0; // e.g. an in-place activation on its input
                  return f;
                })
            .backward(this::backward)
            .run();

    MutatedParameter v = onlyViolation(result, MutatedParameter.class);
    assertThat(v.parameter()).isEqualTo("W");
    assertThat(v.entry()).isEqualTo("W[2][0]");
    assertThat(v.during()).isEqualTo("forward");
    assertThat(v.before()).isEqualTo(-1.0);
    assertThat(v.after()).isEqualTo(0.0);
    assertThat(v.title()).contains("forward").contains("'W'");
    assertRenderNames(result, v);
    assertThat(w).isDeepEqualTo(before);
  }

  @Test
  void backwardThatModifiesAParameter() {
    float[] b = {0.5f, 0.25f, -2f};
    float[] db = new float[3];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("W", w, dw)
            .param("b", b, db)
            .loss(() -> loss() + b[0] * b[0] + b[1] * b[1] + b[2] * b[2])
            .backward(
                () -> {
                  backward();
                  for (int i = 0; i < 3; i++) {
                    db[i] = 2 * b[i];
                  }
                  b[1] = b[1] - 0.125f; // an optimiser step inside the backward
                })
            .run();

    MutatedParameter v = onlyViolation(result, MutatedParameter.class);
    assertThat(v.parameter()).isEqualTo("b");
    assertThat(v.entry()).isEqualTo("b[1]");
    assertThat(v.during()).isEqualTo("backward");
    assertThat(v.before()).isEqualTo(0.25);
    assertThat(v.after()).isEqualTo(0.125);
    assertRenderNames(result, v);
    assertThat(b).containsExactly(0.5f, 0.25f, -2f);
  }

  @Test
  void forwardThatModifiesADirectFloatBuffer() {
    java.nio.FloatBuffer v =
        java.nio.ByteBuffer.allocateDirect(4 * 4)
            .order(java.nio.ByteOrder.nativeOrder())
            .asFloatBuffer();
    Flat.write(v, new double[] {0.5, -0.25, 2, 1});
    float[] dv = new float[4];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("v", v, dv)
            .loss(
                () -> {
                  double f = SmoothLoss.value(Flat.read(v));
                  v.put(3, 7f); // normalises its input in place
                  return f;
                })
            .backward(() -> Flat.write(dv, SmoothLoss.gradient(Flat.read(v))))
            .run();

    assertThat(result.violations())
        .first()
        .asInstanceOf(type(MutatedParameter.class))
        .satisfies(
            m -> {
              assertThat(m.entry()).isEqualTo("v[3]");
              assertThat(m.during()).isEqualTo("forward");
              assertThat(m.before()).isEqualTo(1.0);
              assertThat(m.after()).isEqualTo(7.0);
            });
    assertThat(Flat.read(v)).containsExactly(0.5, -0.25, 2, 1);
  }

  @Test
  void accumulatingBackward() {
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("W", w, dw)
            .loss(this::loss)
            .backward(
                () -> {
                  double[] g = SmoothLoss.gradient(Flat.read(w));
                  double[] old = Flat.read(dw);
                  for (int i = 0; i < g.length; i++) {
                    old[i] += g[i]; // never cleared
                  }
                  Flat.write(dw, old);
                })
            .run();

    AccumulatingBackward v = onlyViolation(result, AccumulatingBackward.class);
    assertThat(v.parameter()).isEqualTo("W");
    assertThat(v.entry()).isEqualTo("W[0][0]");
    double expected = SmoothLoss.gradient(Flat.read(w))[0];
    assertThat(v.first()).isEqualTo(expected);
    assertThat(v.second()).isEqualTo(2 * expected);
    assertThat(v.describe()).contains("2×");
    assertRenderNames(result, v);
    // The first backward's values are still right and still checked.
    assertThat(result.parameter("W").count(Verdict.PASS)).isEqualTo(6);
  }

  @Test
  void nonFiniteLossAtTheDeclaredPoint() {
    double[] x = {-1, 2};
    double[] dx = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("x", x, dx)
            .loss(() -> Math.sqrt(x[0]) + x[1])
            .backward(
                () -> {
                  dx[0] = 0.5 / Math.sqrt(x[0]);
                  dx[1] = 1;
                })
            .run();

    NonFiniteValue v = onlyViolation(result, NonFiniteValue.class);
    assertThat(v.quantity()).isEqualTo("loss");
    assertThat(v.value()).isNaN();
    assertThat(v.where()).isEqualTo("at the declared point");
    assertThat(v.title()).isEqualTo("non-finite loss");
    assertRenderNames(result, v);
  }

  @Test
  void nonFiniteLossOnlyAtAPerturbedPoint() {
    // x·sqrt(x) at 0: finite there with derivative 0, but NaN at x - h for every step h > 0, so
    // no smaller step can avoid it. (log(x) at a tiny x > 0 is no example: smaller steps fit.)
    double[] x = {0.0, 0.5};
    double[] dx = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("x", x, dx)
            .loss(() -> x[0] * Math.sqrt(x[0]) + x[1] * x[1])
            .backward(
                () -> {
                  dx[0] = 1.5 * Math.sqrt(x[0]);
                  dx[1] = 2 * x[1];
                })
            .run();

    NonFiniteValue v = onlyViolation(result, NonFiniteValue.class);
    assertThat(v.quantity()).isEqualTo("loss");
    assertThat(v.value()).isNaN();
    assertThat(v.where()).matches("with x\\[0\\] perturbed by -\\d\\.\\de-\\d\\d \\(from 0\\)");
    assertRenderNames(result, v);
    EntryResult x0 = result.parameter("x").entries().get(0);
    assertThat(x0.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(x0.note()).contains("loss is NaN").contains("x[0] perturbed");
    assertThat(result.parameter("x").entries().get(1).verdict()).isEqualTo(Verdict.PASS);
    assertThat(x).containsExactly(0.0, 0.5);
  }

  @Test
  void nonFiniteOutputEntry() {
    double[] x = {0.0, 2.0};
    double[] dx = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("x", x, dx)
            .output(() -> new double[] {x[1], x[0] * x[1], 1 / x[0]})
            .backward(
                dy -> {
                  dx[0] = dy[1] * x[1] - dy[2] / (x[0] * x[0]);
                  dx[1] = dy[0] + dy[1] * x[0];
                })
            .run();

    NonFiniteValue v = onlyViolation(result, NonFiniteValue.class);
    assertThat(v.quantity()).isEqualTo("output[2]");
    assertThat(v.value()).isInfinite();
    assertThat(v.where()).isEqualTo("at the declared point");
    assertRenderNames(result, v);
  }

  @Test
  void finiteOutputsWhoseWeightedSumOverflows() {
    double[] x = {1e308, -1e308};
    double[] dx = new double[2];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("x", x, dx)
            .output(() -> new double[] {x[0], x[0], x[0], x[0]})
            .backward(dy -> dx[0] = dy[0] + dy[1] + dy[2] + dy[3])
            .run();

    assertThat(result.passed()).isFalse();
    assertThat(result.violations())
        .first()
        .asInstanceOf(type(NonFiniteValue.class))
        .satisfies(
            v -> {
              assertThat(v.quantity()).contains("output");
              assertThat(v.value()).isInfinite();
            });
  }

  @Test
  void nonFiniteGradientEntry() {
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("W", w, dw)
            .loss(this::loss)
            .backward(
                () -> {
                  backward();
                  dw[1][0] = Double.NaN;
                })
            .run();

    NonFiniteValue v = onlyViolation(result, NonFiniteValue.class);
    assertThat(v.quantity()).isEqualTo("gradient W[1][0]");
    assertThat(v.value()).isNaN();
    assertThat(v.title()).isEqualTo("non-finite gradient W[1][0]");
    assertRenderNames(result, v);
  }

  @Test
  void storageThatDoesNotKeepWhatItIsGiven() {
    RoundingStorage s = new RoundingStorage(new double[] {0.12345, -0.5, 0.25});
    double[] ds = new double[3];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("s", s, ds)
            .loss(() -> SmoothLoss.value(Flat.read(s)))
            .backward(() -> System.arraycopy(SmoothLoss.gradient(Flat.read(s)), 0, ds, 0, 3))
            .run();

    assertThat(result.passed()).isFalse();
    assertThat(result.violations())
        .filteredOn(ParameterNotRestored.class::isInstance)
        .singleElement()
        .asInstanceOf(type(ParameterNotRestored.class))
        .satisfies(
            v -> {
              assertThat(v.parameter()).isEqualTo("s");
              assertThat(v.entry()).isEqualTo("s[0]");
              assertThat(v.before()).isEqualTo(0.12345);
              assertThat(v.after()).isEqualTo(0.123);
              assertThat(v.title()).isEqualTo("parameter 's' not restored");
              assertThat(Report.text(result).lines())
                  .anyMatch(l -> l.startsWith("problem") && l.contains(v.title()));
            });
  }

  /** A storage whose {@code set} keeps only three decimals; deliberately broken. */
  static final class RoundingStorage implements Storage {
    private final double[] data;

    RoundingStorage(double[] data) {
      this.data = data;
    }

    @Override
    public int[] shape() {
      return new int[] {data.length};
    }

    @Override
    public double get(int index) {
      return data[index];
    }

    @Override
    public void set(int index, double value) {
      data[index] = Math.round(value * 1000) / 1000.0;
    }
  }

  /** A NaN parameter entry that the loss uses: the message names the entry. */
  @Test
  void aNonFiniteLossAtTheDeclaredPointNamesTheNonFiniteEntry() {
    double[] x = {0.5, Double.NaN, -0.25};
    double[] dx = new double[3];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("x", x, dx)
            .loss(() -> x[0] + x[1] + x[2])
            .backward(() -> java.util.Arrays.fill(dx, 1))
            .run();

    assertThat(result.outcome()).isEqualTo(Outcome.CONTRACT_BROKEN);
    assertThat(result.violations().get(0).describe())
        .contains("where x[1] = NaN (a parameter entry that is not finite)");
  }

  /**
   * A forward that throws whenever an entry is moved: the failure persists as the steps shrink, and
   * is reported where it first happened, not at the last, smallest step.
   */
  @Test
  void aPersistentExceptionIsReportedAtTheStepWhereItFirstHappened() {
    double[] x = {0.5, -0.25};
    double[] dx = new double[2];
    java.util.List<Double> moves = new java.util.ArrayList<>();
    GradientCheckException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            GradientCheckException.class,
            () ->
                GradientCheck.create()
                    .seed(2)
                    .param("x", x, dx)
                    .loss(
                        () -> {
                          if (x[0] != 0.5) {
                            moves.add(x[0] - 0.5);
                            throw new IllegalStateException("cannot leave the grid");
                          }
                          return x[0] * x[0] + x[1];
                        })
                    .backward(
                        () -> {
                          dx[0] = 2 * x[0];
                          dx[1] = 1;
                        })
                    .run());

    assertThat(moves.size()).as("the steps shrank before giving up").isGreaterThan(1);
    double smallest = moves.stream().mapToDouble(Math::abs).min().orElseThrow();
    java.util.regex.Matcher step =
        java.util.regex.Pattern.compile("perturbed by [+-](\\S+) ").matcher(e.getMessage());
    assertThat(step.find()).as(e.getMessage()).isTrue();
    // The usual first step (2h), not the smallest the shrinking reached.
    assertThat(Double.parseDouble(step.group(1))).isGreaterThan(1000 * smallest);
  }

  @Test
  void aBackwardThatReplacesRowsIsReportedAsSuch() {
    double[][] x = {{0.5, -1.0}, {2.0, 0.25}};
    double[][] dx = new double[2][2];
    CheckResult result =
        GradientCheck.create()
            .param("x", x, dx)
            .loss(() -> x[0][0] * x[0][1] + x[1][0] * x[1][1])
            .backward(
                () -> {
                  dx[0] = new double[] {x[0][1], x[0][0]}; // a new row, not written into dx[0]
                  dx[1] = new double[] {x[1][1], x[1][0]};
                })
            .run();
    assertThat(result.passed()).isFalse();
    assertThat(result.violations())
        .singleElement()
        .isEqualTo(new ContractViolation.ReplacedRow("gradient of 'x'", "x[0]", "backward"));
    assertThat(result.diagnoses()).isEmpty();
    assertThat(Report.text(result)).contains("backward replaces a row of the gradient of 'x'");
  }
}
