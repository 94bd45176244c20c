package dev.gradcheck.samples.commonsmath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.analysis.function.Gaussian;
import org.apache.commons.math3.analysis.function.Logistic;
import org.apache.commons.math3.analysis.function.Logit;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The analytic gradients that commons-math3 3.6.1 ships with its {@code
 * ParametricUnivariateFunction} implementations, checked with {@code @GradCheck} at random points
 * of their domains (a new seed every run; the failing seed is printed), with respect to the
 * parameters at one {@code x}, over a curve of many {@code x} as a curve fitter uses them, and, as
 * a bonus, the derivative in {@code x} from {@code value(DerivativeStructure)}.
 *
 * <p>Four shipped derivatives are wrong; each is kept as a fixture below, run through the JUnit
 * Platform, that asserts the check catches it: {@link Logit.Parametric}'s gradient with respect to
 * {@code hi} has the wrong sign everywhere; {@link Logistic.Parametric}'s gradient is NaN where
 * {@code q exp(b (m - x))} overflows; and, among the derivatives in {@code x}, {@link Gaussian}'s
 * {@code value(DerivativeStructure)} is zero for a negative {@code norm} and {@link Logistic}'s is
 * NaN where its power overflows. See docs/commons-math3-parametric.md.
 */
class ParametricGradientsTests {

  private static final int POINTS = 12;
  private static final int CURVE = 25;

  // ------------------------------------------------------------ gradient at one x, by name

  @GradCheck(points = POINTS)
  void gaussian(GradientCheck check) {
    atRandomPoint(check, Subject.GAUSSIAN);
  }

  @GradCheck(points = POINTS)
  void logistic(GradientCheck check) {
    atRandomPoint(check, Subject.LOGISTIC);
  }

  /** The shipped gradient fails (see {@link ShippedLogitTestCase}); the corrected one passes. */
  @GradCheck(points = POINTS)
  void logitWithCorrectedGradient(GradientCheck check) {
    Subject.Curve c = Subject.LOGIT.draw(check.random(), 1);
    ParametricChecks.atPointByName(
        check, new ParametricChecks.CorrectedLogit(), c.xs()[0], c.param(), "lo", "hi");
  }

  @GradCheck(points = POINTS)
  void harmonicOscillator(GradientCheck check) {
    atRandomPoint(check, Subject.HARMONIC_OSCILLATOR);
  }

  @GradCheck(points = POINTS)
  void sigmoid(GradientCheck check) {
    atRandomPoint(check, Subject.SIGMOID);
  }

  @GradCheck(points = POINTS)
  void polynomial(GradientCheck check) {
    atRandomPoint(check, Subject.POLYNOMIAL);
  }

  private static void atRandomPoint(GradientCheck check, Subject subject) {
    Subject.Curve c = subject.draw(check.random(), 1);
    ParametricChecks.atPointByName(
        check, subject.parametric(), c.xs()[0], c.param(), subject.names(c.param().length));
  }

  // ------------------------------------------------- gradient over a curve, as fitters use it

  @GradCheck(points = 4)
  void gaussianCurve(GradientCheck check) {
    overRandomCurve(check, Subject.GAUSSIAN);
  }

  @GradCheck(points = 4)
  void logisticCurve(GradientCheck check) {
    overRandomCurve(check, Subject.LOGISTIC);
  }

  @GradCheck(points = 4)
  void logitCurveWithCorrectedGradient(GradientCheck check) {
    Subject.Curve c = Subject.LOGIT.draw(check.random(), CURVE);
    ParametricChecks.overCurve(check, new ParametricChecks.CorrectedLogit(), c.xs(), c.param());
  }

  @GradCheck(points = 4)
  void harmonicOscillatorCurve(GradientCheck check) {
    overRandomCurve(check, Subject.HARMONIC_OSCILLATOR);
  }

  @GradCheck(points = 4)
  void sigmoidCurve(GradientCheck check) {
    overRandomCurve(check, Subject.SIGMOID);
  }

  @GradCheck(points = 4)
  void polynomialCurve(GradientCheck check) {
    overRandomCurve(check, Subject.POLYNOMIAL);
  }

  private static void overRandomCurve(GradientCheck check, Subject subject) {
    Subject.Curve c = subject.draw(check.random(), CURVE);
    ParametricChecks.overCurve(check, subject.parametric(), c.xs(), c.param());
  }

  // ------------------------------------------- bonus: derivative in x, value(DerivativeStructure)

  /** A positive norm only: for a negative one see {@link ShippedGaussianDerivativeTestCase}. */
  @GradCheck(points = 4)
  void gaussianDerivativeInXForPositiveNorm(GradientCheck check) {
    Subject.Curve c = Subject.GAUSSIAN.draw(check.random(), CURVE);
    c.param()[0] = Math.abs(c.param()[0]);
    ParametricChecks.derivativeInX(check, Subject.GAUSSIAN.fixed(c.param()), c.xs());
  }

  @GradCheck(points = 4)
  void logisticDerivativeInX(GradientCheck check) {
    inXOverRandomCurve(check, Subject.LOGISTIC);
  }

  @GradCheck(points = 4)
  void logitDerivativeInX(GradientCheck check) {
    inXOverRandomCurve(check, Subject.LOGIT);
  }

  @GradCheck(points = 4)
  void harmonicOscillatorDerivativeInX(GradientCheck check) {
    inXOverRandomCurve(check, Subject.HARMONIC_OSCILLATOR);
  }

  /** x within 40 of 0: further out the derivative is below 1e-17 and cannot be resolved. */
  @GradCheck(points = 4)
  void sigmoidDerivativeInX(GradientCheck check) {
    Random random = check.random();
    double[] param = {Region.uniform(random, -10, 10), Region.uniform(random, -10, 10)};
    double[] xs = check.arrays().uniform(-40, 40, CURVE);
    ParametricChecks.derivativeInX(check, Subject.SIGMOID.fixed(param), xs);
  }

  /** Degree one and up: a constant's zero derivative is inconclusive, not verified. */
  @GradCheck(points = 4)
  void polynomialDerivativeInX(GradientCheck check) {
    Random random = check.random();
    double[] c = check.arrays().gaussian(2 + random.nextInt(8));
    double[] xs = check.arrays().uniform(-3, 3, CURVE);
    ParametricChecks.derivativeInX(check, Subject.POLYNOMIAL.fixed(c), xs);
  }

  private static void inXOverRandomCurve(GradientCheck check, Subject subject) {
    Subject.Curve c = subject.draw(check.random(), CURVE);
    ParametricChecks.derivativeInX(check, subject.fixed(c.param()), c.xs());
  }

  // ----------------------------------------------------- the wrong shipped derivatives, caught

  @Test
  void shippedLogitGradientIsCaughtAsASignErrorInHi() {
    List<String> messages = failures(run(ShippedLogitTestCase.class), 3 + 3 + 2);
    for (String message : messages) {
      Map<String, String> facts = facts(message);
      assertThat(facts.get("likely bug")).startsWith("sign error");
      assertThat(headline(message))
          .isIn(
              "gradient of 'hi' is wrong: 1 of 1 entry disagrees (lo 1/1 ok)",
              "gradient of 'param' is wrong: 1 of 2 entries disagree");
      assertThat(facts.get("worst entry")).isIn("hi[0] (FAIL)", "param[1] (FAIL)");
      double analytic = Double.parseDouble(facts.get("analytic"));
      double numeric = Double.parseDouble(facts.get("numeric").split(" ")[0]);
      assertThat(analytic)
          .isCloseTo(-numeric, org.assertj.core.data.Percentage.withPercentage(1e-4));
      assertThat(facts.get("reproduce with")).startsWith("@GradCheck(seed = 0x");
    }
  }

  @Test
  void shippedLogisticDerivativesAreCaughtAsNaNWhereTheyOverflow() {
    List<String> messages = failures(run(ShippedLogisticOverflowTestCase.class), 2 + 3);
    for (String message : messages) {
      assertThat(headline(message))
          .isIn(
              "gradient check failed: non-finite gradient m[0]",
              "gradient check failed: non-finite gradient x[0]");
      assertThat(facts(message).get("problem")).containsPattern("gradient (m|x)\\[0\\] is NaN");
    }
  }

  @Test
  void shippedGaussianDerivativeInXIsCaughtAsMissingForANegativeNorm() {
    List<String> messages = failures(run(ShippedGaussianDerivativeTestCase.class), 3);
    for (String message : messages) {
      assertThat(headline(message)).matches("gradient of 'x' is wrong: \\d+ of 6 entries disagree");
      assertThat(facts(message).get("likely bug")).startsWith("missing gradient");
      assertThat(facts(message).get("analytic")).isIn("0", "-0");
    }
  }

  /** Logit.Parametric as shipped: d/dhi = +1/(hi - x) where it is -1/(hi - x). */
  static class ShippedLogitTestCase {
    @GradCheck(points = 3, seed = 0x10617L)
    void byName(GradientCheck check) {
      Subject.Curve c = Subject.LOGIT.draw(check.random(), 1);
      ParametricChecks.atPointByName(
          check, new Logit.Parametric(), c.xs()[0], c.param(), "lo", "hi");
    }

    @GradCheck(points = 3, seed = 0x10618L)
    void asOneArray(GradientCheck check) {
      Subject.Curve c = Subject.LOGIT.draw(check.random(), 1);
      ParametricChecks.atPoint(check, new Logit.Parametric(), c.xs()[0], c.param());
    }

    @GradCheck(points = 2, seed = 0x10619L)
    void overACurve(GradientCheck check) {
      Subject.Curve c = Subject.LOGIT.draw(check.random(), CURVE);
      ParametricChecks.overCurve(check, new Logit.Parametric(), c.xs(), c.param());
    }
  }

  /**
   * Logistic as shipped, where q exp(b (m - x)) overflows: Parametric.gradient is 0 * inf = NaN;
   * and where (1 + q exp(b (m - x)))^(1/n) overflows: value(DerivativeStructure) has d/dx NaN.
   */
  static class ShippedLogisticOverflowTestCase {
    @GradCheck(points = 2, seed = 0x1062L)
    void derivativeInXWhereThePowerOverflows(GradientCheck check) {
      // (k, m, b, q, a, n) = (2, 0, 1, 1, -1, 0.5): 2 - 3 / (1 + exp(-x))^2
      Logistic f = new Logistic(2, 0, 1, 1, -1, 0.5);
      double[] xs = check.arrays().uniform(-600, -360, 4); // (1 + e^-x)^2 overflows below -355
      ParametricChecks.derivativeInX(check, f, xs);
    }

    @GradCheck(points = 3, seed = 0x1061L)
    void saturated(GradientCheck check) {
      Random random = check.random();
      double b = Region.signedLogUniform(random, 0.1, 5);
      double[] param = {
        Region.uniform(random, -10, 10), // k
        Region.uniform(random, -5, 5), // m
        b,
        Region.logUniform(random, 0.1, 10), // q
        Region.uniform(random, -10, 10), // a
        Region.logUniform(random, 0.3, 3) // n
      };
      double x = param[1] - Region.uniform(random, 720, 1000) / b; // b (m - x) in [720, 1000]
      ParametricChecks.atPointByName(
          check, new Logistic.Parametric(), x, param, Subject.LOGISTIC.names(6));
    }
  }

  /** Gaussian.value(DerivativeStructure) as shipped, for a negative norm: all zeros. */
  static class ShippedGaussianDerivativeTestCase {
    @GradCheck(points = 3, seed = 0x6A055L)
    void negativeNorm(GradientCheck check) {
      Random random = check.random();
      double sigma = Region.logUniform(random, 0.3, 3);
      double mean = Region.uniform(random, -5, 5);
      Gaussian g = new Gaussian(-Region.logUniform(random, 0.1, 10), mean, sigma);
      double[] xs = new double[6];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = mean + sigma * Region.uniform(random, -3, 3);
      }
      ParametricChecks.derivativeInX(check, g, xs);
    }
  }

  // ---------------------------------------------------------------------------- helpers

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
  }

  /** Asserts that every test of the fixture ran and failed, and returns the messages. */
  private static List<String> failures(EngineExecutionResults results, int expected) {
    results.testEvents().assertStatistics(s -> s.started(expected).failed(expected));
    return results.testEvents().failed().list().stream()
        .map(ParametricGradientsTests::message)
        .toList();
  }

  private static String message(Event event) {
    return event
        .getRequiredPayload(TestExecutionResult.class)
        .getThrowable()
        .orElseThrow()
        .getMessage();
  }

  private static String headline(String message) {
    return message.lines().findFirst().orElse("");
  }

  /** The {@code key : value} lines of a failure message. */
  private static Map<String, String> facts(String message) {
    Map<String, String> facts = new LinkedHashMap<>();
    message
        .lines()
        .skip(1)
        .filter(line -> !line.startsWith(" ") && line.indexOf(':') > 0)
        .forEach(
            line -> {
              int colon = line.indexOf(':');
              facts.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            });
    return facts;
  }
}
