package dev.gradcheck.samples.commonsmath;

import static dev.gradcheck.samples.commonsmath.Region.logUniform;
import static dev.gradcheck.samples.commonsmath.Region.signedLogUniform;
import static dev.gradcheck.samples.commonsmath.Region.uniform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.analysis.function.Gaussian;
import org.apache.commons.math3.analysis.function.HarmonicOscillator;
import org.apache.commons.math3.analysis.function.Logistic;
import org.apache.commons.math3.analysis.function.Logit;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.apache.commons.math3.analysis.polynomials.PolynomialFunction;

/**
 * The six {@code ParametricUnivariateFunction} implementations shipped in commons-math3 3.6.1
 * (every implementation in the jar), each with:
 *
 * <ul>
 *   <li>the names of its parameters, in the order of {@code value(x, param...)};
 *   <li>regions of its valid domain that {@code @GradCheck} tests draw random points from: wide
 *       ranges, edges included, where gradcheck resolves every entry; and further regions where it
 *       raises rare false alarms, swept with fixed seeds instead;
 *   <li>a Cartesian grid of parameter vectors and, per vector, of {@code x} values, swept with
 *       fixed seeds by {@link ParametricGridTests};
 *   <li>the function of {@code x} at fixed parameters, whose {@code value(DerivativeStructure)}
 *       gives the derivative in {@code x}.
 * </ul>
 */
enum Subject {

  /** {@code norm * exp(-(x - mean)^2 / (2 sigma^2))}; parameters (norm, mean, sigma > 0). */
  GAUSSIAN(
      Gaussian.Parametric::new,
      p -> new Gaussian(p[0], p[1], p[2]),
      new String[] {"norm", "mean", "sigma"},
      List.of(
          new Region(
              "typical: |norm| in [0.1, 10], |mean| < 5, sigma in [0.3, 3], |x - mean| < 4 sigma",
              r -> gaussian(r, logUniform(r, 0.1, 10), uniform(r, -5, 5), logUniform(r, 0.3, 3)),
              (r, p) -> p[1] + p[2] * uniform(r, -4, 4)),
          new Region(
              "narrow: sigma in [0.01, 0.1], |mean| < 10",
              r ->
                  gaussian(
                      r, logUniform(r, 0.1, 10), uniform(r, -10, 10), logUniform(r, 0.01, 0.1)),
              (r, p) -> p[1] + p[2] * uniform(r, -4, 4)),
          new Region(
              "wide: sigma in [10, 1e4], |mean| < 1000",
              r ->
                  gaussian(
                      r, logUniform(r, 0.1, 10), uniform(r, -1e3, 1e3), logUniform(r, 10, 1e4)),
              (r, p) -> p[1] + p[2] * uniform(r, -4, 4)),
          new Region(
              "tails: 6 to 30 sigma from the mean",
              r -> gaussian(r, logUniform(r, 0.1, 10), uniform(r, -5, 5), logUniform(r, 0.3, 3)),
              (r, p) -> p[1] + p[2] * signedLogUniform(r, 6, 30)),
          new Region(
              "extreme amplitude: |norm| in [1e-6, 1e6]",
              r -> gaussian(r, logUniform(r, 1e-6, 1e6), uniform(r, -5, 5), logUniform(r, 0.3, 3)),
              (r, p) -> p[1] + p[2] * uniform(r, -4, 4)),
          new Region(
              "at the peak: |x - mean| < 1e-3 sigma",
              r -> gaussian(r, logUniform(r, 0.1, 10), uniform(r, -5, 5), logUniform(r, 0.3, 3)),
              (r, p) -> p[1] + p[2] * uniform(r, -1e-3, 1e-3))),
      List.of(),
      grid(
          new double[] {-100, -0.01, 1, 100},
          new double[] {-5, 0, 2.5},
          new double[] {0.01, 0.1, 1, 10, 1000}),
      p -> offsets(p[1], p[2], -30, -8, -3, -1, -0.3, 0, 0.5, 2, 6, 20)),

  /**
   * {@code a + (k - a) / (1 + q exp(b (m - x)))^(1/n)}; parameters (k, m, b, q, a, n > 0), with
   * {@code q > 0} so that the base of the power stays positive.
   */
  LOGISTIC(
      Logistic.Parametric::new,
      p -> new Logistic(p[0], p[1], p[2], p[3], p[4], p[5]),
      new String[] {"k", "m", "b", "q", "a", "n"},
      List.of(
          new Region(
              "typical: |b| in [0.1, 5], q in [0.1, 10], n in [0.3, 3], |b (m - x)| < 6",
              r ->
                  logistic(r, logUniform(r, 0.1, 5), logUniform(r, 0.1, 10), logUniform(r, 0.3, 3)),
              (r, p) -> p[1] + uniform(r, -6, 6) / Math.abs(p[2]))),
      List.of(
          new Region(
              "steep growth: |b| in [5, 200], |b (m - x)| < 10",
              r ->
                  logistic(r, logUniform(r, 5, 200), logUniform(r, 0.1, 10), logUniform(r, 0.3, 3)),
              (r, p) -> p[1] + uniform(r, -10, 10) / Math.abs(p[2])),
          new Region(
              "saturated: 10 < |b (m - x)| < 40",
              r ->
                  logistic(r, logUniform(r, 0.1, 5), logUniform(r, 0.1, 10), logUniform(r, 0.3, 3)),
              (r, p) -> p[1] + signedLogUniform(r, 10, 40) / Math.abs(p[2])),
          new Region(
              "extreme shape: q in [1e-4, 1e4], n in [0.01, 100]",
              r ->
                  logistic(
                      r, logUniform(r, 0.1, 5), logUniform(r, 1e-4, 1e4), logUniform(r, 0.01, 100)),
              (r, p) -> p[1] + uniform(r, -6, 6) / Math.abs(p[2]))),
      logisticGrid(),
      p -> {
        double[] t = {-30, -5, -1, 0, 1, 5, 30}; // b (m - x)
        double[] xs = new double[t.length];
        for (int i = 0; i < t.length; i++) {
          xs[i] = p[1] - t[i] / p[2];
        }
        return xs;
      }),

  /** {@code log((x - lo) / (hi - x))}; parameters (lo, hi), defined for {@code lo < x < hi}. */
  LOGIT(
      Logit.Parametric::new,
      p -> new Logit(p[0], p[1]),
      new String[] {"lo", "hi"},
      List.of(
          new Region(
              "typical: |lo| < 10, width in [0.1, 100], x in the middle 90%",
              r -> logit(r, logUniform(r, 0.1, 100)),
              (r, p) -> p[0] + (p[1] - p[0]) * uniform(r, 0.05, 0.95)),
          new Region(
              "narrow: width in [0.01, 0.1], x in the middle 50%",
              r -> logit(r, logUniform(r, 0.01, 0.1)),
              (r, p) -> p[0] + (p[1] - p[0]) * uniform(r, 0.25, 0.75))),
      List.of(
          new Region(
              "wide: width in [100, 1e5], x in the middle 90%",
              r -> logit(r, logUniform(r, 100, 1e5)),
              (r, p) -> p[0] + (p[1] - p[0]) * uniform(r, 0.05, 0.95))),
      widths(new double[] {-7, -1, 0, 0.5, 3}, new double[] {0.1, 1, 10, 100, 1e4}),
      p -> {
        double[] s = {0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95};
        double[] xs = new double[s.length];
        for (int i = 0; i < s.length; i++) {
          xs[i] = p[0] + (p[1] - p[0]) * s[i];
        }
        return xs;
      }),

  /** {@code amplitude * cos(omega x + phase)}; parameters (amplitude, omega, phase). */
  HARMONIC_OSCILLATOR(
      HarmonicOscillator.Parametric::new,
      p -> new HarmonicOscillator(p[0], p[1], p[2]),
      new String[] {"amplitude", "omega", "phase"},
      List.of(
          new Region(
              "typical: |amplitude|, |omega| in [0.1, 10], phase in [-pi, pi], |x| < 5",
              r ->
                  new double[] {
                    signedLogUniform(r, 0.1, 10),
                    signedLogUniform(r, 0.1, 10),
                    uniform(r, -Math.PI, Math.PI)
                  },
              (r, p) -> uniform(r, -5, 5)),
          new Region(
              "high frequency: |omega| in [10, 1000], |omega x| < 100",
              r ->
                  new double[] {
                    signedLogUniform(r, 0.1, 10),
                    signedLogUniform(r, 10, 1000),
                    uniform(r, -Math.PI, Math.PI)
                  },
              (r, p) -> uniform(r, -100, 100) / Math.abs(p[1])),
          new Region(
              "phase at a multiple of pi/2 (a zero of sin or cos), x = 0 one time in four",
              r ->
                  new double[] {
                    signedLogUniform(r, 0.1, 10),
                    signedLogUniform(r, 0.1, 10),
                    (r.nextInt(9) - 4) * Math.PI / 2
                  },
              (r, p) -> r.nextInt(4) == 0 ? 0 : uniform(r, -5, 5)),
          new Region(
              "large phase and x: |phase|, |x| < 1000, |omega| in [0.01, 1]",
              r ->
                  new double[] {
                    signedLogUniform(r, 0.1, 10),
                    signedLogUniform(r, 0.01, 1),
                    uniform(r, -1e3, 1e3)
                  },
              (r, p) -> uniform(r, -1e3, 1e3))),
      List.of(),
      grid(
          new double[] {-5, 3},
          new double[] {-300, -2, -0.01, 0.5, 10, 300},
          new double[] {-Math.PI, -Math.PI / 2, 0, 1, Math.PI / 2, 100}),
      p -> new double[] {-50, -3, -0.5, 0, 0.2, 1, 7}),

  /** {@code lo + (hi - lo) / (1 + exp(-x))}; parameters (lo, hi). */
  SIGMOID(
      Sigmoid.Parametric::new,
      p -> new Sigmoid(p[0], p[1]),
      new String[] {"lo", "hi"},
      List.of(
          new Region(
              "typical: lo, hi in [-10, 10], |x| < 8",
              r -> new double[] {uniform(r, -10, 10), uniform(r, -10, 10)},
              (r, p) -> uniform(r, -8, 8))),
      List.of(
          new Region(
              "saturated: 20 < |x| < 800 (exp(-x) overflows below -709)",
              r -> new double[] {uniform(r, -10, 10), uniform(r, -10, 10)},
              (r, p) -> signedLogUniform(r, 20, 800)),
          new Region(
              "extreme bounds: |lo|, |hi| in [1e-6, 1e6]",
              r -> new double[] {signedLogUniform(r, 1e-6, 1e6), signedLogUniform(r, 1e-6, 1e6)},
              (r, p) -> uniform(r, -8, 8))),
      grid(new double[] {-10, -1, 0, 2}, new double[] {-5, 0, 1, 1000}),
      p -> new double[] {-800, -40, -5, -1, 0, 0.5, 3, 40, 800}),

  /** {@code sum_i c_i x^i}; parameters the coefficients {@code c}, of any number. */
  POLYNOMIAL(
      PolynomialFunction.Parametric::new,
      PolynomialFunction::new,
      null,
      List.of(
          new Region(
              "typical: degree 0 to 8, coefficients N(0, 1), |x| < 2",
              r -> gaussians(r, 1 + r.nextInt(9), 1),
              (r, p) -> uniform(r, -2, 2)),
          new Region(
              "large x: degree 0 to 5, |x| < 100",
              r -> gaussians(r, 1 + r.nextInt(6), 1),
              (r, p) -> uniform(r, -100, 100)),
          new Region(
              "large coefficients: degree 0 to 8, coefficients N(0, 1e4), |x| < 2",
              r -> gaussians(r, 1 + r.nextInt(9), 1e4),
              (r, p) -> uniform(r, -2, 2))),
      List.of(),
      polynomialGrid(),
      p -> new double[] {-10, -2, -1, -0.5, 0, 0.3, 1, 1.5, 4, 10});

  private final Supplier<ParametricUnivariateFunction> parametric;
  private final Function<double[], UnivariateDifferentiableFunction> fixed;
  private final String[] names;
  private final List<Region> regions;
  private final List<Region> delicate;
  private final List<double[]> gridParameters;
  private final Function<double[], double[]> gridXs;

  Subject(
      Supplier<ParametricUnivariateFunction> parametric,
      Function<double[], UnivariateDifferentiableFunction> fixed,
      String[] names,
      List<Region> regions,
      List<Region> delicate,
      List<double[]> gridParameters,
      Function<double[], double[]> gridXs) {
    this.parametric = parametric;
    this.fixed = fixed;
    this.names = names;
    this.regions = regions;
    this.delicate = delicate;
    this.gridParameters = gridParameters;
    this.gridXs = gridXs;
  }

  /** The shipped parametric function, as commons-math3 3.6.1 has it. */
  ParametricUnivariateFunction parametric() {
    return parametric.get();
  }

  /** The function of {@code x} at fixed parameters, with its {@code value(DerivativeStructure)}. */
  UnivariateDifferentiableFunction fixed(double[] param) {
    return fixed.apply(param);
  }

  /** The parameters' names for a vector of this length, such as {@code norm, mean, sigma}. */
  String[] names(int length) {
    if (names != null) {
      return names.clone();
    }
    String[] c = new String[length];
    for (int i = 0; i < length; i++) {
      c[i] = "c" + i;
    }
    return c;
  }

  /**
   * The regions {@code @GradCheck} tests draw random points from, with a new seed every run: where
   * gradcheck raised no false alarm in 10,000 checks per region (see the docs).
   */
  List<Region> regions() {
    return regions;
  }

  /**
   * Further regions of the valid domain, where gradcheck raises a rare false alarm (about 1 to 16
   * in 10,000 checks, see the docs): swept with fixed seeds by {@link DelicateRegionsTests}.
   */
  List<Region> delicate() {
    return delicate;
  }

  /** Draws a point: a region at random, then a parameter vector and {@code count} values of x. */
  Curve draw(Random random, int count) {
    Region region = regions.get(random.nextInt(regions.size()));
    double[] param = region.parameters().apply(random);
    return new Curve(region.name(), param, region.xs(random, param, count));
  }

  /** The grid: every parameter vector with its {@code x} values. */
  List<Curve> grid() {
    List<Curve> curves = new ArrayList<>();
    for (double[] p : gridParameters) {
      curves.add(new Curve("grid", p.clone(), gridXs.apply(p)));
    }
    return curves;
  }

  /**
   * A parameter vector and the {@code x} values it is checked at.
   *
   * @param region where it was drawn from
   * @param param the parameter vector
   * @param xs the values of {@code x}
   */
  record Curve(String region, double[] param, double[] xs) {
    @Override
    public String toString() {
      return "param=" + java.util.Arrays.toString(param) + " x=" + java.util.Arrays.toString(xs);
    }
  }

  private static double[] gaussian(Random r, double norm, double mean, double sigma) {
    return new double[] {r.nextBoolean() ? norm : -norm, mean, sigma};
  }

  private static double[] logistic(Random r, double b, double q, double n) {
    return new double[] {
      uniform(r, -10, 10), uniform(r, -5, 5), r.nextBoolean() ? b : -b, q, uniform(r, -10, 10), n
    };
  }

  private static double[] logit(Random r, double width) {
    double lo = uniform(r, -10, 10);
    return new double[] {lo, lo + width};
  }

  private static double[] gaussians(Random r, int n, double scale) {
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = scale * r.nextGaussian();
    }
    return c;
  }

  private static double[] offsets(double centre, double scale, double... units) {
    double[] xs = new double[units.length];
    for (int i = 0; i < units.length; i++) {
      xs[i] = centre + scale * units[i];
    }
    return xs;
  }

  /** The Cartesian product of the axes, first axis outermost. */
  static List<double[]> grid(double[]... axes) {
    List<double[]> points = new ArrayList<>();
    points.add(new double[0]);
    for (double[] axis : axes) {
      List<double[]> next = new ArrayList<>();
      for (double[] prefix : points) {
        for (double v : axis) {
          double[] p = java.util.Arrays.copyOf(prefix, prefix.length + 1);
          p[prefix.length] = v;
          next.add(p);
        }
      }
      points = next;
    }
    return points;
  }

  private static List<double[]> widths(double[] los, double[] widths) {
    List<double[]> points = new ArrayList<>();
    for (double lo : los) {
      for (double w : widths) {
        points.add(new double[] {lo, lo + w});
      }
    }
    return points;
  }

  private static List<double[]> logisticGrid() {
    List<double[]> points = new ArrayList<>();
    double[][] kma = {{-3, -2, -1}, {2, 3, 5}};
    for (double[] v : kma) {
      for (double[] rest :
          grid(
              new double[] {-50, -2, -0.1, 0.1, 2, 50},
              new double[] {0.01, 1, 100},
              new double[] {0.05, 1, 20})) {
        points.add(new double[] {v[0], v[1], rest[0], rest[1], v[2], rest[2]});
      }
    }
    return points;
  }

  private static List<double[]> polynomialGrid() {
    Random random = new Random(0x9E3779B97F4A7C15L);
    List<double[]> points = new ArrayList<>();
    for (int degree = 0; degree <= 10; degree++) {
      for (int set = 0; set < 3; set++) {
        points.add(gaussians(random, degree + 1, 1));
      }
    }
    return points;
  }
}
