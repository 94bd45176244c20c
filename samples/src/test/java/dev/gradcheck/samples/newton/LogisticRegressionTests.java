package dev.gradcheck.samples.newton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Outcome;
import dev.gradcheck.Report;
import dev.gradcheck.Verdict;
import dev.gradcheck.junit.GradCheck;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hand-written derivatives of {@link LogisticRegression}, checked the way a user would before
 * handing the model to a Newton solver: the value and gradient first, then every entry of the
 * Hessian, or of the Hessian-vector product, against differences of that gradient.
 */
class LogisticRegressionTests {

  static final int N = LogisticRegression.FEATURES;

  /**
   * A data set and a point of the kind a Newton run passes through: weights of order one, some
   * large enough that many samples sit on the flat tails of the sigmoid.
   */
  static double[] randomPoint(Random random) {
    double[] w = new double[N];
    for (int j = 0; j < N; j++) {
      w[j] = 1.5 * random.nextGaussian();
    }
    return w;
  }

  /** Value, gradient and the 4 × 4 Hessian, at eight random points on eight data sets. */
  @GradCheck(points = 8)
  void hessian(GradientCheck check) {
    LogisticRegression model = LogisticRegression.synthetic(check.random().nextLong());
    double[] w = randomPoint(check.random());
    double[] grad = new double[N];
    check
        .param("w", w, grad)
        .loss(() -> model.loss(w))
        .backward(() -> model.gradient(w, grad))
        .hessian(() -> model.hessian(w));
  }

  /** Value, gradient and the Hessian-vector product, at eight random points on eight data sets. */
  @GradCheck(points = 8)
  void hessianVectorProduct(GradientCheck check) {
    LogisticRegression model = LogisticRegression.synthetic(check.random().nextLong());
    double[] w = randomPoint(check.random());
    double[] grad = new double[N];
    check
        .param("w", w, grad)
        .loss(() -> model.loss(w))
        .backward(() -> model.gradient(w, grad))
        .hessianVectorProduct(v -> model.hessianTimes(w, v));
  }

  /**
   * Through the core API, at the demo's start and at the weights the data are drawn from: the
   * gradient is verified, then the Hessian, whose check is the follow-up, with one verdict per
   * entry labelled by its row and column.
   */
  @Test
  void valueGradientAndHessianAreVerifiedAtTheStartAndAtTheTrueWeights() {
    LogisticRegression model = LogisticRegression.synthetic(NewtonDemo.DATA_SEED);
    for (double[] at : List.of(new double[N], LogisticRegression.TRUE_WEIGHTS)) {
      CheckResult result = NewtonDemo.checkHessian(model, at, 7);

      assertThat(result.passed()).as(Report.text(result)).isTrue();
      assertThat(result.kind()).isEqualTo(CheckKind.LOSS_GRADIENT);
      assertThat(result.skipped()).isEmpty();
      assertThat(result.parameter("w").entries())
          .hasSize(N)
          .allSatisfy(e -> assertThat(e.verdict()).isEqualTo(Verdict.PASS));
      assertThat(result.followUps()).hasSize(1);
      CheckResult hessian = result.followUps().get(0);
      assertThat(hessian.kind()).isEqualTo(CheckKind.HESSIAN);
      assertThat(hessian.passed()).isTrue();

      List<EntryResult> entries = hessian.parameter("w").entries();
      assertThat(entries).hasSize(N * N);
      Set<Integer> cells = new HashSet<>();
      double[][] h = model.hessian(at);
      for (EntryResult e : entries) {
        int i = e.output().orElseThrow();
        int j = e.index();
        assertThat(e.label()).isEqualTo("∂²loss/∂w[" + i + "]∂w[" + j + "]");
        assertThat(e.verdict()).as(e.label()).isEqualTo(Verdict.PASS);
        assertThat(e.analytic()).as(e.label()).isEqualTo(h[i][j]);
        cells.add(i * N + j);
      }
      assertThat(cells).as("each (row, column) once").hasSize(N * N);
      assertThat(Report.text(result))
          .startsWith("gradient and Hessian checks passed: gradient (w 4/4), Hessian (w 16/16)")
          .containsPattern("Hessian +: verified too \\(w 16/16\\)");
    }
  }

  /**
   * At the minimum itself the gradient is zero to rounding, which no difference can resolve: the
   * gradient check is inconclusive. The Hessian, the reason a user checks there (standard errors, a
   * Laplace approximation), is still checked against the gradient's differences.
   */
  @Test
  void atTheMinimumTheGradientIsInconclusiveAndTheHessianIsStillChecked() {
    LogisticRegression model = LogisticRegression.synthetic(NewtonDemo.DATA_SEED);
    double[] minimum = Newton.minimize(model, new double[N], 1e-10, 50).point();
    CheckResult result = NewtonDemo.checkHessian(model, minimum, 7);

    assertThat(result.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(result.parameter("w").entries())
        .allSatisfy(e -> assertThat(e.verdict()).isEqualTo(Verdict.INCONCLUSIVE));
    assertThat(result.skipped()).isEmpty();
    CheckResult hessian = result.followUps().get(0);
    assertThat(hessian.outcome()).as(Report.text(result)).isEqualTo(Outcome.PASSED);
    assertThat(hessian.parameter("w").verified()).isEqualTo(N * N);
    assertThat(Report.text(result))
        .startsWith("gradient check inconclusive: none of 4 entries of 'w' verified")
        .containsPattern("Hessian +: verified too \\(w 16/16\\)");
  }

  /** The same through the product: the check builds each column from products and judges it. */
  @Test
  void theHessianVectorProductIsVerifiedEntryByEntry() {
    LogisticRegression model = LogisticRegression.synthetic(NewtonDemo.DATA_SEED);
    CheckResult result = NewtonDemo.checkProduct(model, new double[] {0.3, -0.2, 0.5, 0.1}, 7);

    assertThat(result.passed()).as(Report.text(result)).isTrue();
    CheckResult hessian = result.followUps().get(0);
    assertThat(hessian.kind()).isEqualTo(CheckKind.HESSIAN);
    assertThat(hessian.violations()).isEmpty();
    assertThat(hessian.parameter("w").entries())
        .hasSize(N * N)
        .allSatisfy(e -> assertThat(e.verdict()).as(e.label()).isEqualTo(Verdict.PASS));
  }

  /** The product is the formed Hessian times the direction, to rounding. */
  @Test
  void theProductIsTheHessianTimesTheDirection() {
    Random random = new Random(3);
    LogisticRegression model = LogisticRegression.synthetic(11);
    double[] w = randomPoint(random);
    double[] v = randomPoint(random);
    double[][] h = model.hessian(w);
    double[] hv = model.hessianTimes(w, v);
    for (int i = 0; i < N; i++) {
      assertThat(hv[i]).isCloseTo(LogisticRegression.dot(h[i], v), within(1e-12));
    }
  }

  /** The point a check perturbs is restored bit for bit, for the Hessian's passes too. */
  @Test
  void theCheckRestoresThePoint() {
    LogisticRegression model = LogisticRegression.synthetic(NewtonDemo.DATA_SEED);
    double[] w = {0.3, -0.2, 0.5, 0.1};
    double[] copy = w.clone();
    double[] grad = new double[N];
    GradientCheck.create()
        .seed(7)
        .param("w", w, grad)
        .loss(() -> model.loss(w))
        .backward(() -> model.gradient(w, grad))
        .hessian(() -> model.hessian(w))
        .verify();
    assertThat(w).isEqualTo(copy);
  }
}
