package dev.gradcheck.samples.commonsmath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gradcheck.CheckResult;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.analysis.function.Gaussian;
import org.apache.commons.math3.analysis.function.Logistic;
import org.apache.commons.math3.analysis.function.Logit;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.junit.jupiter.api.Test;

/**
 * Regions where double-precision finite differences struggle: a Gaussian narrower than the step,
 * its far tails, a logistic steeper than the step, an oscillator whose phase moves by radians per
 * step, a logit next to its bounds. The shipped gradients are verified there against {@link
 * Reference}, so that every verdict of gradcheck can be judged.
 *
 * <p>The tests at exact points and seeds were first written as reproductions of what gradcheck got
 * wrong: false alarms for a Gaussian narrower than the step and a saturated logistic, a missed sign
 * error next to a large entry, a smooth function called a kink, and an exception at a domain
 * boundary that aborted the check, and a sigmoid with a bound of 2e5 whose rounding moved in step
 * with the noise probe. gradcheck's core now handles each of them, and these tests keep it so.
 */
class DelicateRegionsTests {

  private static final String[] GAUSSIAN = {"norm", "mean", "sigma"};

  /** Points drawn from a region with a fixed seed. */
  private static List<ParametricGridTests.Point> draw(Region region, int count, long seed) {
    Random random = new Random(seed);
    List<ParametricGridTests.Point> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] p = region.parameters().apply(random);
      points.add(new ParametricGridTests.Point(p, region.x().apply(random, p)));
    }
    return points;
  }

  /** Each entry declared under its own name, value NaN where commons-math3 throws. */
  private static Tally byName(
      String name, Subject subject, List<ParametricGridTests.Point> points) {
    ParametricUnivariateFunction f = ParametricChecks.nanOutsideDomain(subject.parametric());
    Tally tally =
        Tally.sweep(
            name,
            points,
            (check, p) ->
                ParametricChecks.atPointByName(
                    check, f, p.x(), p.param().clone(), subject.names(p.param().length)),
            Tally::byEntry);
    return tally;
  }

  private static void assertExact(Subject subject, List<ParametricGridTests.Point> points) {
    ParametricUnivariateFunction f = subject.parametric();
    for (ParametricGridTests.Point p : points) {
      assertThat(
              Reference.agrees(
                  f.gradient(p.x(), p.param()), Reference.gradient(subject, p.x(), p.param())))
          .as("%s at %s", subject, p)
          .isTrue();
    }
  }

  // ------------------------------------------------- the regions kept out of the random tests

  private static final int DELICATE_POINTS = 400;

  /** Every delicate region of every function, with a fixed seed per region. */
  private static List<Tally> delicateSweeps() {
    List<Tally> tallies = new ArrayList<>();
    for (Subject subject : Subject.values()) {
      ParametricUnivariateFunction f =
          subject == Subject.LOGIT ? new ParametricChecks.CorrectedLogit() : subject.parametric();
      for (Region region : subject.delicate()) {
        List<ParametricGridTests.Point> points =
            draw(region, DELICATE_POINTS, region.name().hashCode());
        if (subject != Subject.LOGIT) {
          assertExact(subject, points);
        }
        Tally tally =
            Tally.sweep(
                subject + ", " + region.name(),
                points,
                (check, p) ->
                    ParametricChecks.atPointByName(
                        check, f, p.x(), p.param().clone(), subject.names(p.param().length)),
                Tally::byEntry);
        tallies.add(tally);
      }
    }
    return tallies;
  }

  /**
   * Steep and saturated logistics, a very wide logit, a saturated sigmoid and one with bounds up to
   * 1e6: the shipped gradients are exact there (the logit's once corrected), gradcheck verifies
   * nearly every entry and fails none (it failed one, a sigmoid with a bound of 2e5, until the
   * noise probe looked off the power-of-two grid; see the docs).
   */
  @Test
  void delicateRegionsRaiseNoFalseAlarm() {
    for (Tally tally : delicateSweeps()) {
      assertThat(tally.exceptions()).isZero();
      assertThat(tally.violations()).isZero();
      assertThat(tally.count(Verdict.FAIL)).as(tally.toString()).isZero();
      assertThat(tally.count(Verdict.PASS)).isGreaterThanOrEqualTo(tally.entries() * 98 / 100);
    }
  }

  /**
   * d/da of a steep logistic (b = 25.8) at b (m - x) = -9.8: the shipped 1.2045743027488953e-5
   * agrees with mpmath (1.2045743027413144e-5) to 6e-12; gradcheck estimates 1.2045726e-5 ± 2.2e-12
   * and fails it, at a relative error of 1.4e-6.
   */
  @Test
  void steepLogisticIsNotAFalseFailure() {
    CheckResult result =
        ParametricChecks.atPointByName(
                GradientCheck.create().seed(1634),
                new Logistic.Parametric(),
                2.2700193902734713,
                new double[] {
                  0.049896818165574786,
                  1.8927839652341873,
                  25.795080001844358,
                  0.1097470767774665,
                  -9.585078085629915,
                  0.5413956813858095
                },
                Subject.LOGISTIC.names(6))
            .run();
    System.out.println(Report.text(result));
    assertThat(result.count(Verdict.FAIL)).isZero();
  }

  /**
   * Sigmoid lo = -199612.43, hi = 0.0273, x = 7.22, by name, seed 113: the forward {@code lo + (hi
   * - lo) s} rounds on 2e5's grid (2.9e-11) while returning -146, and along hi's power-of-two probe
   * that rounding followed a straight line, so the probe read no noise and ∂/∂hi failed on a
   * plateau of rounded quotients 3.4e-7 off. The probe now looks again off the grid.
   */
  @Test
  void sigmoidWithALargeBoundIsNotAFalseFailure() {
    CheckResult result =
        ParametricChecks.atPointByName(
                GradientCheck.create().seed(113),
                new Sigmoid.Parametric(),
                7.217953989959261,
                new double[] {-199612.43003932858, 0.027326585865158234},
                Subject.SIGMOID.names(2))
            .run();
    assertThat(result.count(Verdict.FAIL)).as(Report.text(result)).isZero();
    assertThat(result.passed()).as(Report.text(result)).isTrue();
  }

  // ------------------------------------------------------------ narrow Gaussians: false alarms

  private static final Region NARROW_GAUSSIAN =
      new Region(
          "sigma in [1e-5, 1e-3], |mean| < 10 (the step for mean is 2^-17 to 2^-14)",
          r ->
              new double[] {
                Region.signedLogUniform(r, 0.1, 10),
                Region.uniform(r, -10, 10),
                Region.logUniform(r, 1e-5, 1e-3)
              },
          (r, p) -> p[1] + p[2] * Region.uniform(r, -4, 4));

  /**
   * The shipped Gaussian gradient is exact to 1e-9 on 400 narrow Gaussians; gradcheck verifies most
   * entries and calls some inconclusive (it failed a few until the fixes below).
   */
  @Test
  void narrowGaussians() {
    List<ParametricGridTests.Point> points = draw(NARROW_GAUSSIAN, 400, 0x5161L);
    assertExact(Subject.GAUSSIAN, points);
    Tally tally = byName("GAUSSIAN, " + NARROW_GAUSSIAN.name(), Subject.GAUSSIAN, points);
    assertThat(tally.exceptions()).isZero();
    assertThat(tally.violations()).isZero();
    assertThat(tally.count(Verdict.PASS)).isGreaterThan(tally.entries() * 9 / 10);
  }

  @Test
  void narrowGaussiansRaiseNoFalseAlarm() {
    Tally tally = byName("narrow", Subject.GAUSSIAN, draw(NARROW_GAUSSIAN, 400, 0x5161L));
    assertThat(tally.count(Verdict.FAIL)).as(tally.toString()).isZero();
  }

  /**
   * d/dmean of a Gaussian with sigma = 2.0e-5, smaller than the step 3.1e-5 for mean = -4.19: the
   * shipped 18916.066332065588 is exact (mpmath, 50 digits: 18916.066332065583); gradcheck
   * estimates 20170 ± 220 and fails it as "wrong scale — 0.938 × numeric". Every seed fails.
   */
  @Test
  void gaussianNarrowerThanTheStepIsNotAFalseFailure() {
    assertThat(
            gaussianMean(
                    -1.3907229164710304,
                    -4.185677506978931,
                    2.0306666640393785e-5,
                    -4.1857178448204495,
                    0)
                .verdict())
        .isNotEqualTo(Verdict.FAIL);
  }

  /**
   * sigma = 2.1e-4, seven steps wide: shipped 11847.126750559259 is exact (mpmath:
   * 11847.12675055926); gradcheck estimates 11849.022 ± 0.85 and fails it.
   */
  @Test
  void gaussianSevenStepsWideIsNotAFalseFailure() {
    assertThat(
            gaussianMean(
                    -4.79637360715523,
                    -5.832096087177485,
                    2.1113109992142355e-4,
                    -5.8323939597678605,
                    330)
                .verdict())
        .isNotEqualTo(Verdict.FAIL);
  }

  private static EntryResult gaussianMean(
      double norm, double mean, double sigma, double x, long seed) {
    Gaussian.Parametric f = new Gaussian.Parametric();
    double[] m = {mean};
    double[] dm = new double[1];
    CheckResult result =
        GradientCheck.create()
            .seed(seed)
            .param("mean", m, dm)
            .loss(() -> f.value(x, norm, m[0], sigma))
            .backward(() -> dm[0] = f.gradient(x, norm, m[0], sigma)[1])
            .run();
    System.out.println(Report.text(result));
    return result.parameter("mean").entries().get(0);
  }

  /**
   * sigma = 7.3e-7 at mean = -0.25: gradcheck sees one-sided derivatives 7.28e6 and 5.13e6 that
   * stay apart (the Gaussian is narrower than its smallest step) and calls the smooth function a
   * kink; KINK counts as verified, so any analytic value between them would pass.
   */
  @Test
  void gaussianNarrowerThanTheStepIsNotAKink() {
    double[] param = {-9.059690311604712, -0.2523277127589152, 7.288180338572629e-7};
    CheckResult result =
        ParametricChecks.atPoint(
                GradientCheck.create().seed(KINK_SEED),
                ParametricChecks.nanOutsideDomain(new Gaussian.Parametric()),
                -0.25232869039963324,
                param)
            .run();
    System.out.println(Report.text(result));
    assertThat(result.count(Verdict.KINK)).isZero();
  }

  static final long KINK_SEED = 0;

  /**
   * gradcheck stops at the first exception: refining the sigma entry at sigma = 3.6e-5 it steps by
   * -2.4e-4 and commons-math3 throws NotStrictlyPositiveException, which aborts the whole check. A
   * NaN there would have made it shrink its steps and go on ({@link
   * ParametricChecks#nanOutsideDomain} is the workaround).
   */
  @Test
  void exceptionAtTheDomainBoundaryDoesNotAbortTheCheck() {
    double[] param = {-0.15228222795903779, -2.624341731773887, 3.5603782464997687e-5};
    assertThatCode(
            () ->
                ParametricChecks.atPointByName(
                        GradientCheck.create().seed(1),
                        new Gaussian.Parametric(),
                        -2.6243520843353294,
                        param,
                        GAUSSIAN)
                    .run())
        .doesNotThrowAnyException();
  }

  // ----------------------------------------------------------------- far tails, steep, fast

  /** 30 to 40 sigma out the gradient is 1e-196 down to subnormal: never FAIL. */
  @Test
  void deepGaussianTails() {
    Region tails =
        new Region(
            "30 to 40 sigma from the mean",
            r ->
                new double[] {
                  Region.signedLogUniform(r, 0.1, 10),
                  Region.uniform(r, -5, 5),
                  Region.logUniform(r, 0.3, 3)
                },
            (r, p) -> p[1] + p[2] * Region.signedLogUniform(r, 30, 40));
    List<ParametricGridTests.Point> points = draw(tails, 200, 0x7A11L);
    Tally tally = byName("GAUSSIAN, " + tails.name(), Subject.GAUSSIAN, points);
    assertThat(tally.count(Verdict.FAIL)).isZero();
    assertThat(tally.exceptions()).isZero();
  }

  /** |b| from 1e3 to 1e5: one step of m moves b (m - x) by up to 1.2: never FAIL. */
  @Test
  void verySteepLogistic() {
    Region steep =
        new Region(
            "|b| in [1e3, 1e5], |b (m - x)| < 6",
            r ->
                new double[] {
                  Region.uniform(r, -10, 10),
                  Region.uniform(r, -5, 5),
                  Region.signedLogUniform(r, 1e3, 1e5),
                  Region.logUniform(r, 0.1, 10),
                  Region.uniform(r, -10, 10),
                  Region.logUniform(r, 0.3, 3)
                },
            (r, p) -> p[1] + Region.uniform(r, -6, 6) / Math.abs(p[2]));
    List<ParametricGridTests.Point> points = draw(steep, 200, 0x57EEL);
    assertExact(Subject.LOGISTIC, points);
    Tally tally = byName("LOGISTIC, " + steep.name(), Subject.LOGISTIC, points);
    assertThat(tally.count(Verdict.FAIL)).isZero();
  }

  /** |omega x| up to 1e6: one step of omega moves the phase by radians: never FAIL. */
  @Test
  void veryFastOscillator() {
    Region fast =
        new Region(
            "|omega x| in [1e3, 1e6]",
            r ->
                new double[] {
                  Region.signedLogUniform(r, 0.1, 10),
                  Region.signedLogUniform(r, 0.1, 10),
                  Region.uniform(r, -Math.PI, Math.PI)
                },
            (r, p) -> Region.signedLogUniform(r, 1e3, 1e6) / Math.abs(p[1]));
    List<ParametricGridTests.Point> points = draw(fast, 200, 0xFA57L);
    assertExact(Subject.HARMONIC_OSCILLATOR, points);
    Tally tally =
        byName("HARMONIC_OSCILLATOR, " + fast.name(), Subject.HARMONIC_OSCILLATOR, points);
    assertThat(tally.count(Verdict.FAIL)).isZero();
    assertThat(tally.count("amplitude[0]", Verdict.PASS)).isEqualTo(points.size());
    assertThat(tally.count("phase[0]", Verdict.PASS)).isEqualTo(points.size());
  }

  // ----------------------------------------------------------------- logit near its bounds

  private static final Region LOGIT_NEAR_BOUNDS =
      new Region(
          "x within 1e-6 to 1e-2 of the width from lo or hi",
          r -> {
            double lo = Region.uniform(r, -10, 10);
            return new double[] {lo, lo + Region.logUniform(r, 0.1, 100)};
          },
          (r, p) -> {
            double d = (p[1] - p[0]) * Region.logUniform(r, 1e-6, 1e-2);
            return r.nextBoolean() ? p[0] + d : p[1] - d;
          });

  /** The wrong sign of d/dhi is caught at every point, however close x is to a bound. */
  @Test
  void shippedLogitNearItsBounds() {
    List<ParametricGridTests.Point> points = draw(LOGIT_NEAR_BOUNDS, 200, 0x10B0L);
    Tally tally = byName("LOGIT (shipped), " + LOGIT_NEAR_BOUNDS.name(), Subject.LOGIT, points);
    assertThat(tally.count("hi[0]", Verdict.FAIL)).isEqualTo(points.size());
    assertThat(tally.count("lo[0]", Verdict.FAIL)).isZero();
    assertThat(tally.exceptions()).isZero();
  }

  /**
   * With (lo, hi) declared as one array and x 1.6e-4 above lo, gradcheck passes the wrong sign of
   * d/dhi: the noise it measures along the whole array (lo next to its singularity) inflates the
   * error estimate of hi to 0.056, and hi's gradient 0.021 is so much smaller than lo's 6449 that
   * it needs to be pinned only to a thousandth of that. Declared by name, the same point fails.
   */
  @Test
  void signErrorNextToALargeEntryIsNotMissed() {
    CheckResult result =
        ParametricChecks.atPoint(
                GradientCheck.create().seed(35),
                ParametricChecks.nanOutsideDomain(new Logit.Parametric()),
                8.886100382351932,
                new double[] {8.885945326610074, 56.08710982966906})
            .run();
    System.out.println(Report.text(result));
    assertThat(result.parameter("param").entries().get(1).verdict()).isEqualTo(Verdict.FAIL);
  }

  // ----------------------------------------------------------- quantized forward: false alarm

  /**
   * d/dq of the logistic at b (m - x) = -30, q = 100, n = 0.05: the shipped 5.614573780200784e-12
   * is exact (mpmath: 5.6145737802007747e-12), but the forward computes 1 + q exp(-30) = 1 +
   * 9.4e-12, rounded to a multiple of 2.2e-16, so a step of q changes it by a few units in the last
   * place only; gradcheck estimates 6.82e-12 ± 3.4e-13 and fails the entry, though it is 1e-11 of
   * the gradient's largest entry (d/dk = 1.0).
   */
  @Test
  void quantizedLogisticIsNotAFalseFailure() {
    CheckResult result =
        ParametricChecks.atPoint(
                GradientCheck.create().seed(924),
                new Logistic.Parametric(),
                -302.0,
                new double[] {2.0, -2.0, -0.1, 100.0, 5.0, 0.05})
            .run();
    System.out.println(Report.text(result));
    assertThat(result.count(Verdict.FAIL)).isZero();
  }
}
