package dev.gradcheck.samples.leastsquares;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import dev.gradcheck.samples.Text;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;

/**
 * What a wrong Jacobian does to a fit: commons-math3's {@link LevenbergMarquardtOptimizer} fits a
 * {@link GaussianPeak} to the same noisy observations from the same start, once with the correct
 * Jacobian and once with {@link BuggyGaussianPeak}'s, and the two fits are printed side by side
 * with gradcheck's verdict on each Jacobian at the start.
 *
 * <p>Run from the repository root with {@code mvn -q -pl samples -am compile exec:java
 * -Dexec.mainClass=dev.gradcheck.samples.leastsquares.PeakFitDemo}; {@code Demo} prints it too.
 */
public final class PeakFitDemo {

  /** The true parameters {@code {h, c, w, b, s}} the observations are drawn from. */
  static final double[] TRUTH = {3.0, 4.6, 0.8, 0.5, 0.15};

  /**
   * Where both fits start: an eyeballed guess that puts the peak a little to the right, too wide
   * and too low, on a flat zero baseline.
   */
  static final double[] START = {2.0, 5.5, 1.5, 0.0, 0.0};

  /** The number of observations, evenly spaced over {@code [0, 10]}. */
  static final int OBSERVATIONS = 41;

  /** The standard deviation of the Gaussian noise on each observation. */
  static final double NOISE = 0.05;

  /** The optimizer's limit on iterations, and on evaluations of the model. */
  static final int LIMIT = 1000;

  private static final long DATA_SEED = 20261201L;
  private static final long CHECK_SEED = 0x9EA4L;
  private static final String[] NAMES = {"height", "centre", "width", "offset", "slope"};

  private PeakFitDemo() {}

  /**
   * One fit and gradcheck's verdict on the Jacobian it used.
   *
   * @param name how the table names it
   * @param optimum what Levenberg–Marquardt returned
   * @param check the Jacobian check of the model at {@link PeakFitDemo#START}
   */
  public record Fit(String name, Optimum optimum, CheckResult check) {

    /**
     * Returns the fitted parameters.
     *
     * @return {@code {h, c, w, b, s}}
     */
    public double[] point() {
      return optimum.getPoint().toArray();
    }

    /**
     * Returns the Euclidean distance of the fitted parameters from the truth.
     *
     * @return {@code |theta - theta*|}
     */
    public double distance() {
      return new ArrayRealVector(TRUTH).getDistance(optimum.getPoint());
    }

    /**
     * Returns gradcheck's verdict in one line: passed, or the likely bug.
     *
     * @return the verdict
     */
    public String verdict() {
      if (check.passed()) {
        return "passed";
      }
      return "FAILED: "
          + check.diagnoses().stream()
              .findFirst()
              .map(d -> d.summary())
              .orElse(Report.text(check).lines().findFirst().orElse(""));
    }
  }

  /**
   * Both fits of one run.
   *
   * @param startCost the cost at {@link PeakFitDemo#START}
   * @param correct the fit with the correct Jacobian
   * @param buggy the fit with the buggy one
   */
  public record Comparison(double startCost, Fit correct, Fit buggy) {

    /**
     * Returns how many times the correct fit's cost the buggy one ends at.
     *
     * @return the ratio of the final costs
     */
    public double costRatio() {
      return buggy.optimum().getCost() / correct.optimum().getCost();
    }

    /**
     * Returns what the run shows, in words, from its own numbers.
     *
     * @return the finding
     */
    public String finding() {
      double[] p = buggy.point();
      Optimum o = buggy.optimum();
      return String.format(
          Locale.ROOT,
          "With the buggy Jacobian Levenberg-Marquardt returns normally, with no exception and"
              + " far below its limits (%d iterations, %d evaluations: most trial steps failed to"
              + " lower the cost), at %.1f times the correct fit's cost, with the peak at c = %.2f"
              + " and of height h = %.2f instead of %.2f and %.2f. gradcheck fails that Jacobian"
              + " before any fit is run, and names its column.",
          o.getIterations(),
          o.getEvaluations(),
          costRatio(),
          p[1],
          p[0],
          TRUTH[1],
          TRUTH[0]);
    }
  }

  /**
   * Returns the abscissae of the observations: {@link #OBSERVATIONS} points evenly spaced over
   * {@code [0, 10]}.
   *
   * @return new abscissae
   */
  static double[] abscissae() {
    double[] t = new double[OBSERVATIONS];
    for (int i = 0; i < t.length; i++) {
      t[i] = 10.0 * i / (OBSERVATIONS - 1);
    }
    return t;
  }

  /**
   * Fits a model with Levenberg–Marquardt at commons-math3's default tolerances.
   *
   * @param model the model and its Jacobian
   * @param observations the target the model's values are fitted to
   * @param start the first point
   * @return the optimum
   */
  static Optimum fit(MultivariateJacobianFunction model, double[] observations, double[] start) {
    return new LevenbergMarquardtOptimizer()
        .optimize(
            new LeastSquaresBuilder()
                .model(model)
                .target(observations)
                .start(start)
                .maxIterations(LIMIT)
                .maxEvaluations(LIMIT)
                .build());
  }

  /**
   * Checks a model's Jacobian at a point, as a user would before fitting with it.
   *
   * @param model the model
   * @param at the point; not modified
   * @param seed the check's seed
   * @return the result
   */
  static CheckResult check(GaussianPeak model, double[] at, long seed) {
    RealVector theta = new ArrayRealVector(at);
    return GradientCheck.create()
        .seed(seed)
        .param("theta", theta)
        .output(() -> model.value(theta).getFirst())
        .jacobian(() -> model.value(theta).getSecond())
        .run();
  }

  /**
   * Draws the observations, runs both fits and prints the table.
   *
   * @param out where the table is printed
   * @return both fits
   */
  public static Comparison run(PrintStream out) {
    double[] t = abscissae();
    double[] y = new GaussianPeak(t).values(TRUTH);
    Random random = new Random(DATA_SEED);
    for (int i = 0; i < y.length; i++) {
      y[i] += NOISE * random.nextGaussian();
    }
    double startCost =
        new ArrayRealVector(y).getDistance(new ArrayRealVector(new GaussianPeak(t).values(START)));
    Fit correct = fit("correct Jacobian", new GaussianPeak(t), y);
    Fit buggy = fit("sign slip in ∂/∂c", new BuggyGaussianPeak(t), y);
    Comparison comparison = new Comparison(startCost, correct, buggy);
    print(comparison, out);
    return comparison;
  }

  private static Fit fit(String name, GaussianPeak model, double[] y) {
    return new Fit(name, fit(model, y, START), check(model, START, CHECK_SEED));
  }

  private static void print(Comparison comparison, PrintStream out) {
    out.println("What does a wrong Jacobian do to Levenberg-Marquardt?");
    out.printf(
        Locale.ROOT,
        "A Gaussian peak h exp(-(t - c)^2 / (2 w^2)) + b + s t, fitted to %d observations on [0, 10]"
            + "%nwith noise sd %.2f by commons-math3's LevenbergMarquardtOptimizer, both fits from"
            + " the same start%n(cost %.4f). Cost is Optimum.getCost(), the norm of the"
            + " residuals;%ndistance is |theta - theta*|, from the true parameters.%n%n",
        OBSERVATIONS,
        NOISE,
        comparison.startCost());
    out.printf(
        Locale.ROOT,
        "%-20s %10s %11s %8s %8s %8s %8s %8s %8s %9s%n",
        "",
        "iterations",
        "evaluations",
        "cost",
        NAMES[0],
        NAMES[1],
        NAMES[2],
        NAMES[3],
        NAMES[4],
        "distance");
    row(out, "truth", "", "", "", TRUTH, "");
    row(out, "start", "", "", format(comparison.startCost()), START, "");
    for (Fit fit : new Fit[] {comparison.correct(), comparison.buggy()}) {
      Optimum o = fit.optimum();
      row(
          out,
          fit.name(),
          Integer.toString(o.getIterations()),
          Integer.toString(o.getEvaluations()),
          format(o.getCost()),
          fit.point(),
          String.format(Locale.ROOT, "%.3f", fit.distance()));
    }
    out.println();
    out.println("gradcheck on each Jacobian at the start:");
    for (Fit fit : new Fit[] {comparison.correct(), comparison.buggy()}) {
      out.printf(Locale.ROOT, "  %-20s %s%n", fit.name(), fit.verdict());
    }
    out.println();
    out.println(Text.wrap(comparison.finding(), 96));
  }

  private static void row(
      PrintStream out,
      String name,
      String iterations,
      String evaluations,
      String cost,
      double[] point,
      String distance) {
    String line =
        String.format(
            Locale.ROOT,
            "%-20s %10s %11s %8s %8.3f %8.3f %8.3f %8.3f %8.3f %9s",
            name,
            iterations,
            evaluations,
            cost,
            point[0],
            point[1],
            point[2],
            point[3],
            point[4],
            distance);
    out.println(line.stripTrailing());
  }

  private static String format(double cost) {
    return String.format(Locale.ROOT, "%.4f", cost);
  }

  /**
   * Prints the comparison.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }
}
