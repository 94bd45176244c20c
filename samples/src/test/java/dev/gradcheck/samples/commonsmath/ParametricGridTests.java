package dev.gradcheck.samples.commonsmath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.function.Logistic;
import org.junit.jupiter.api.Test;

/**
 * Sweeps a Cartesian grid of every shipped parametric function (see {@link Subject}) with the core
 * API alone, one check per point with the point's index as seed, and counts the verdicts; and
 * compares every shipped derivative on the grids with an independent reference ({@link Reference}),
 * so that each verdict can be called right or wrong. The counts are printed and recorded in
 * docs/commons-math3-parametric.md.
 */
class ParametricGridTests {

  // ------------------------------------------------ the shipped derivatives, without gradcheck

  @Test
  void shippedGradientsAgreeWithAutomaticDifferentiationExceptLogitHi() {
    for (Subject subject : Subject.values()) {
      ParametricUnivariateFunction f = subject.parametric();
      for (Point p : points(subject)) {
        double[] shipped = f.gradient(p.x(), p.param());
        double[] reference = Reference.gradient(subject, p.x(), p.param());
        if (subject == Subject.LOGIT) {
          assertThat(Reference.agrees(shipped[0], reference[0], 0)).as("lo at %s", p).isTrue();
          assertThat(Reference.agrees(-shipped[1], reference[1], 0)).as("hi at %s", p).isTrue();
          assertThat(reference[1]).as("hi at %s", p).isNotZero();
        } else {
          assertThat(Reference.agrees(shipped, reference))
              .as("%s at %s: shipped %s, reference %s", subject, p, shipped, reference)
              .isTrue();
        }
      }
    }
  }

  @Test
  void shippedDerivativesInXAgreeWithAutomaticDifferentiationExceptGaussianWithNegativeNorm() {
    int zeroedGaussians = 0;
    for (Subject subject : Subject.values()) {
      for (Point p : points(subject)) {
        DerivativeStructure t = new DerivativeStructure(1, 1, 0, p.x());
        DerivativeStructure shipped = subject.fixed(p.param()).value(t);
        double reference = Reference.derivativeInX(subject, p.x(), p.param());
        if (subject == Subject.GAUSSIAN && p.param()[0] < 0) {
          // coeff = norm * exp(-u^2/2) is negative, so "coeff <= Precision.SAFE_MIN" zeroes all.
          assertThat(shipped.getValue()).as("value at %s", p).isZero();
          assertThat(shipped.getPartialDerivative(1)).as("d/dx at %s", p).isZero();
          if (reference != 0) {
            zeroedGaussians++;
          }
        } else {
          assertThat(
                  Reference.agrees(
                      shipped.getPartialDerivative(1), reference, Math.abs(shipped.getValue())))
              .as("%s at %s: d/dx %s, reference %s", subject, p, shipped, reference)
              .isTrue();
        }
      }
    }
    // 30 parameter vectors with norm < 0, 10 x each; at x = mean the derivative is zero anyway.
    assertThat(zeroedGaussians).isEqualTo(270);
  }

  // ------------------------------------------------------------------- gradcheck's verdicts

  @Test
  void gaussian() {
    Tally point = atGridPoints(Subject.GAUSSIAN, Subject.GAUSSIAN.parametric());
    Tally curve = overGridCurves(Subject.GAUSSIAN, Subject.GAUSSIAN.parametric());
    assertClean(point, 0.99);
    assertClean(curve, 1.0);
    // Two entries are zero at a stationary point (sigma at x = mean): inconclusive, not verified.
    assertThat(point.count(Verdict.INCONCLUSIVE)).isLessThanOrEqualTo(2);
  }

  @Test
  void gaussianDerivativeInX() {
    List<Subject.Curve> positive = new ArrayList<>();
    List<Subject.Curve> negative = new ArrayList<>();
    for (Subject.Curve c : Subject.GAUSSIAN.grid()) {
      (c.param()[0] > 0 ? positive : negative).add(c);
    }
    Tally correct =
        derivativeInX("GAUSSIAN (norm > 0) derivative in x", Subject.GAUSSIAN, positive);
    Tally zeroed = derivativeInX("GAUSSIAN (norm < 0) derivative in x", Subject.GAUSSIAN, negative);
    assertClean(correct, 0.95);
    // The shipped derivative is zero for a negative norm: every check of one fails.
    assertThat(zeroed.failedChecks()).isEqualTo(negative.size());
    assertThat(zeroed.failures()).allSatisfy(f -> assertThat(f.entry().analytic()).isZero());
  }

  @Test
  void logistic() {
    ParametricUnivariateFunction f = Subject.LOGISTIC.parametric();
    Tally point = atGridPoints(Subject.LOGISTIC, f);
    assertThat(point.exceptions()).isZero();
    assertThat(point.violations()).isZero();
    // gradcheck false alarm (see the docs): d/dq = 5.6e-12 where 1 + q exp(b (m - x)) = 1 + 9.4e-12
    // is rounded to a multiple of 2.2e-16, so the forward moves in steps of 1e-4 of the change
    // the step should make, and the numeric derivative is off by 20%. Any FAIL must be of that
    // kind: an entry below 1e-10 whose shipped value agrees with the reference.
    assertThat(point.failures())
        .allSatisfy(
            failure -> {
              Point p = (Point) failure.point();
              double[] reference = Reference.gradient(Subject.LOGISTIC, p.x(), p.param());
              assertThat(failure.entry().label()).isEqualTo("param[3]");
              assertThat(Math.abs(failure.entry().analytic())).isLessThan(1e-10);
              assertThat(Reference.agrees(f.gradient(p.x(), p.param()), reference)).isTrue();
            });
    assertThat(point.count(Verdict.PASS)).isGreaterThanOrEqualTo(point.entries() - 6);
    assertClean(overGridCurves(Subject.LOGISTIC, f), 1.0);
    assertClean(derivativeInX(Subject.LOGISTIC), 0.99);
  }

  /**
   * Where {@code q exp(b (m - x))} overflows, the shipped gradient is {@code 0 * inf = NaN} in
   * {@code m, b, n} (and {@code q} too once {@code exp(b (m - x))} itself overflows), though the
   * function is finite there ({@code a}) and so is its gradient ({@code (0, ~0, ~0, ~0, 1, ~0)}).
   * gradcheck reports exactly those points, as a non-finite gradient, and verifies the others.
   */
  @Test
  void logisticOverflow() {
    List<Point> points = new ArrayList<>();
    for (double[] v :
        Subject.grid(
            new double[] {650, 700, 705, 709, 710, 720, 750, 1000}, // t = b (m - x)
            new double[] {-3, 0.5}, // b
            new double[] {0.01, 1, 100}, // q
            new double[] {0.3, 1, 3})) { // n
      double m = 1.5;
      points.add(new Point(new double[] {-2, m, v[1], v[2], 4, v[3]}, m - v[0] / v[1]));
    }
    Logistic.Parametric f = new Logistic.Parametric();
    Tally tally =
        Tally.sweep(
            "LOGISTIC gradient where q exp(b (m - x)) overflows",
            points,
            (check, p) -> ParametricChecks.atPoint(check, f, p.x(), p.param()),
            Tally::byEntry);
    int overflowing = 0;
    for (Point p : points) {
      double t = p.param()[2] * (p.param()[1] - p.x());
      boolean overflows = Double.isInfinite(p.param()[3] * Math.exp(t));
      double[] g = f.gradient(p.x(), p.param());
      assertThat(java.util.Arrays.stream(g).anyMatch(Double::isNaN))
          .as("NaN gradient at %s", p)
          .isEqualTo(overflows);
      if (overflows) {
        assertThat(Double.isNaN(g[1]) && Double.isNaN(g[2]) && Double.isNaN(g[5])).isTrue();
      }
      assertThat(Double.isFinite(f.value(p.x(), p.param()))).isTrue();
      overflowing += overflows ? 1 : 0;
      // value(DerivativeStructure) is NaN in d/dx wherever the power overflows (1 / inf^2), and
      // already where only an intermediate derivative does.
      double power = Math.pow(1 + p.param()[3] * Math.exp(t), 1 / p.param()[5]);
      double dx =
          Subject.LOGISTIC
              .fixed(p.param())
              .value(new DerivativeStructure(1, 1, 0, p.x()))
              .getPartialDerivative(1);
      if (Double.isInfinite(power)) {
        assertThat(dx).as("d/dx at %s", p).isNaN();
      }
    }
    assertThat(tally.violations()).isEqualTo(overflowing);
    assertThat(tally.violationsOfType(ContractViolation.NonFiniteValue.class))
        .isEqualTo(overflowing);
    assertThat(tally.count(Verdict.FAIL)).isZero();
    assertThat(tally.count(Verdict.PASS)).isEqualTo(6 * (points.size() - overflowing));
  }

  @Test
  void logit() {
    Tally shipped = atGridPoints(Subject.LOGIT, Subject.LOGIT.parametric());
    assertThat(shipped.count("param[0]", Verdict.PASS)).isEqualTo(shipped.checks());
    assertThat(shipped.count("param[1]", Verdict.FAIL)).isEqualTo(shipped.checks());
    Tally shippedCurve = overGridCurves(Subject.LOGIT, Subject.LOGIT.parametric());
    assertThat(shippedCurve.count("param[0]", Verdict.PASS)).isEqualTo(shippedCurve.checks());
    assertThat(shippedCurve.count("param[1]", Verdict.FAIL)).isEqualTo(shippedCurve.checks());

    Tally corrected = atGridPoints(Subject.LOGIT, new ParametricChecks.CorrectedLogit());
    assertClean(corrected, 1.0);
    assertClean(overGridCurves(Subject.LOGIT, new ParametricChecks.CorrectedLogit()), 1.0);
    assertClean(derivativeInX(Subject.LOGIT), 1.0);
  }

  @Test
  void harmonicOscillator() {
    ParametricUnivariateFunction f = Subject.HARMONIC_OSCILLATOR.parametric();
    // |omega x| up to 15000: a few entries are inconclusive, none fails.
    assertClean(atGridPoints(Subject.HARMONIC_OSCILLATOR, f), 0.99);
    assertClean(overGridCurves(Subject.HARMONIC_OSCILLATOR, f), 0.95);
    assertClean(derivativeInX(Subject.HARMONIC_OSCILLATOR), 1.0);
  }

  @Test
  void sigmoid() {
    ParametricUnivariateFunction f = Subject.SIGMOID.parametric();
    assertClean(atGridPoints(Subject.SIGMOID, f), 1.0);
    assertClean(overGridCurves(Subject.SIGMOID, f), 1.0);
    // lo = hi = 0 makes the function constant: its zero derivative is inconclusive.
    assertClean(derivativeInX(Subject.SIGMOID), 0.9);
  }

  @Test
  void polynomial() {
    ParametricUnivariateFunction f = Subject.POLYNOMIAL.parametric();
    assertClean(atGridPoints(Subject.POLYNOMIAL, f), 1.0);
    assertClean(overGridCurves(Subject.POLYNOMIAL, f), 1.0);
    // The three constant polynomials have a zero derivative: inconclusive.
    assertClean(derivativeInX(Subject.POLYNOMIAL), 0.9);
  }

  // ---------------------------------------------------------------------------- helpers

  /**
   * Asserts no failed entry, no broken contract, no exception, and at least this fraction of the
   * entries verified; prints the tally.
   */
  static void assertClean(Tally tally, double verified) {
    assertThat(tally.exceptions()).as(tally.toString()).isZero();
    assertThat(tally.violations()).as(tally.toString()).isZero();
    assertThat(tally.count(Verdict.FAIL)).as(tally.toString()).isZero();
    assertThat(tally.count(Verdict.PASS) + tally.count(Verdict.KINK))
        .as(tally.toString())
        .isGreaterThanOrEqualTo((int) Math.ceil(verified * tally.entries()));
  }

  static List<Point> points(Subject subject) {
    List<Point> points = new ArrayList<>();
    for (Subject.Curve c : subject.grid()) {
      for (double x : c.xs()) {
        points.add(new Point(c.param().clone(), x));
      }
    }
    return points;
  }

  /** One scalar check per (parameter vector, x) of the grid, the vector as one parameter. */
  static Tally atGridPoints(Subject subject, ParametricUnivariateFunction f) {
    Tally tally =
        Tally.sweep(
            subject + " gradient at a point (" + f.getClass().getSimpleName() + ")",
            points(subject),
            (check, p) -> ParametricChecks.atPoint(check, f, p.x(), p.param()),
            Tally::byEntry);
    return tally;
  }

  /** One vector-Jacobian check per parameter vector of the grid, over all its x. */
  static Tally overGridCurves(Subject subject, ParametricUnivariateFunction f) {
    Tally tally =
        Tally.sweep(
            subject + " gradient over a curve (" + f.getClass().getSimpleName() + ")",
            subject.grid(),
            (check, c) -> ParametricChecks.overCurve(check, f, c.xs(), c.param().clone()),
            Tally::byEntry);
    return tally;
  }

  static Tally derivativeInX(Subject subject) {
    return derivativeInX(subject + " derivative in x", subject, subject.grid());
  }

  /** One check of the derivative in x per parameter vector, over all its x. */
  static Tally derivativeInX(String name, Subject subject, List<Subject.Curve> curves) {
    return Tally.sweep(
        name,
        curves,
        (GradientCheck check, Subject.Curve c) ->
            ParametricChecks.derivativeInX(check, subject.fixed(c.param()), c.xs().clone()),
        Tally::byParameter);
  }

  /**
   * A point of a grid.
   *
   * @param param the parameter vector
   * @param x the value of x
   */
  record Point(double[] param, double x) {
    @Override
    public String toString() {
      return "param=" + java.util.Arrays.toString(param) + " x=" + x;
    }
  }
}
