package dev.gradcheck.samples.newton;

import dev.gradcheck.CheckResult;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import dev.gradcheck.Verdict;
import dev.gradcheck.samples.Text;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * What a wrong Hessian does to Newton's method, and a wrong Hessian-vector product to Newton–CG:
 * the same {@link LogisticRegression} is minimized from {@code w = 0} four times, by {@link Newton}
 * with the correct Hessian and with {@link BuggyLogisticRegression}'s (no {@code λ I}), and by
 * {@link TruncatedNewton} with the correct product and with {@link BuggyHessianProduct}'s (memoized
 * on {@code w} alone). The runs are printed side by side, {@code ‖g‖} iteration by iteration, with
 * gradcheck's verdict on each model's second derivatives at the start.
 *
 * <p>Run from the repository root with {@code mvn -q -pl samples -am compile exec:java
 * -Dexec.mainClass=dev.gradcheck.samples.newton.NewtonDemo}.
 */
public final class NewtonDemo {

  /** The seed of the data set, {@link LogisticRegression#synthetic(long)}. */
  static final long DATA_SEED = 20261202L;

  /** The {@code ‖g‖} at which every run stops. */
  static final double TOLERANCE = 1e-10;

  /** The iterations after which every run stops anyway. */
  static final int LIMIT = 100;

  private static final long CHECK_SEED = 0x4E57L;

  private NewtonDemo() {}

  /**
   * One minimization and gradcheck's verdict on the second derivatives it used.
   *
   * @param name how the table names it
   * @param run the minimization from {@code w = 0}
   * @param check the value, gradient and Hessian (or Hessian-vector product) check at {@code w = 0}
   */
  public record Method(String name, Newton.Run run, CheckResult check) {

    /**
     * Returns gradcheck's verdict in one line: passed, or the outcome and the report's headline,
     * and for a Hessian whose failing entries are exactly its diagonal, that they are.
     *
     * @return the verdict
     */
    public String verdict() {
      if (check.passed()) {
        return "passed";
      }
      String headline = Report.text(check).lines().findFirst().orElse("");
      return check.outcome()
          + ": "
          + headline
          + (failsOnTheDiagonalOnly(check) ? ", exactly the diagonal" : "");
    }
  }

  /**
   * The four runs of the demo.
   *
   * @param newton Newton with the correct Hessian
   * @param buggyNewton Newton with the Hessian that forgets {@code λ I}
   * @param cg Newton–CG with the correct Hessian-vector product
   * @param buggyCg Newton–CG with the memoized one
   * @param predictedRate {@code λ / λ_min(Xᵀ diag(p (1 - p)) X)} at the minimum: the factor by
   *     which Newton with the buggy Hessian should shrink the error per iteration
   */
  public record Comparison(
      Method newton, Method buggyNewton, Method cg, Method buggyCg, double predictedRate) {

    /**
     * Returns all four, in the table's order.
     *
     * @return the methods
     */
    public List<Method> methods() {
      return List.of(newton, buggyNewton, cg, buggyCg);
    }

    /**
     * Returns the factor by which {@code ‖g‖} shrank in the buggy Newton run's last iteration.
     *
     * @return the ratio of its last two gradient norms
     */
    public double measuredRate() {
      double[] norms = buggyNewton.run().gradientNorms();
      return norms[norms.length - 1] / norms[norms.length - 2];
    }

    /**
     * Returns how many iterations the buggy Newton–CG run shares with the correct one, bit for bit:
     * the gradient norms after the start that are equal in both.
     *
     * @return the iterations before the runs part
     */
    public int sharedIterations() {
      double[] a = cg.run().gradientNorms();
      double[] b = buggyCg.run().gradientNorms();
      int k = 0;
      while (k + 1 < Math.min(a.length, b.length) && a[k + 1] == b[k + 1]) {
        k++;
      }
      return k;
    }

    /**
     * Returns what the runs show, in words, from their own numbers.
     *
     * @return the finding
     */
    public String finding() {
      Newton.Run n = newton.run();
      Newton.Run bn = buggyNewton.run();
      Newton.Run c = cg.run();
      Newton.Run bc = buggyCg.run();
      int shared = sharedIterations();
      return String.format(
          Locale.ROOT,
          "Without its λI the Hessian still gives descent steps, and Newton reaches the same minimum"
              + " (the gradient is right, so the fixed point is), but linearly instead of"
              + " quadratically: %d iterations instead of %d, ‖g‖ shrinking by %.3f per iteration"
              + " at the end, as λ/λmin(XᵀSX) = %.3f predicts. Newton-CG with the memoized product"
              + " follows the correct run bit for bit for %d iterations, while each CG solve stops"
              + " after one product, the one the memo gets right; at iteration %d CG needs more,"
              + " receives the first product again for every direction, and the line search gives"
              + " up after %d halvings: the run stops, with no exception, at ‖g‖ = %.1e and a loss"
              + " %.1e above the minimum, where the correct Newton-CG converges in %d iterations"
              + " and %d products. gradcheck fails both bugs at the start, before any iteration.",
          bn.iterations(),
          n.iterations(),
          measuredRate(),
          predictedRate,
          shared,
          shared + 1,
          Newton.MAX_HALVINGS,
          bc.gradientNorm(),
          bc.loss() - n.loss(),
          c.iterations(),
          c.products());
    }
  }

  /**
   * Checks the value, gradient and Hessian of a model at a point, as a user would before handing
   * the model to Newton's method.
   *
   * @param model the model
   * @param at the point; not modified
   * @param seed the check's seed
   * @return the result, with the Hessian check in {@link CheckResult#followUps()}
   */
  static CheckResult checkHessian(LogisticRegression model, double[] at, long seed) {
    double[] w = at.clone();
    double[] grad = new double[w.length];
    return GradientCheck.create()
        .seed(seed)
        .param("w", w, grad)
        .loss(() -> model.loss(w))
        .backward(() -> model.gradient(w, grad))
        .hessian(() -> model.hessian(w))
        .run();
  }

  /**
   * Checks the value, gradient and Hessian-vector product of a model at a point, as a user would
   * before handing the model to Newton–CG.
   *
   * @param model the model
   * @param at the point; not modified
   * @param seed the check's seed
   * @return the result, with the Hessian check in {@link CheckResult#followUps()}
   */
  static CheckResult checkProduct(LogisticRegression model, double[] at, long seed) {
    double[] w = at.clone();
    double[] grad = new double[w.length];
    return GradientCheck.create()
        .seed(seed)
        .param("w", w, grad)
        .loss(() -> model.loss(w))
        .backward(() -> model.gradient(w, grad))
        .hessianVectorProduct(v -> model.hessianTimes(w, v))
        .run();
  }

  /**
   * Returns whether a declaration's Hessian failed on its diagonal entries and nowhere else.
   *
   * @param result a check with a Hessian
   * @return whether the failing entries are exactly {@code ∂²loss/∂w[i]∂w[i]}
   */
  static boolean failsOnTheDiagonalOnly(CheckResult result) {
    if (result.followUps().isEmpty() || result.followUps().get(0).parameters().isEmpty()) {
      return false;
    }
    List<EntryResult> entries = result.followUps().get(0).parameter("w").entries();
    return entries.stream()
            .noneMatch(e -> (e.verdict() == Verdict.FAIL) != (e.output().getAsInt() == e.index()))
        && !entries.isEmpty();
  }

  /**
   * Minimizes the four ways and prints the table.
   *
   * @param out where the table is printed
   * @return the four runs
   */
  public static Comparison run(PrintStream out) {
    LogisticRegression model = LogisticRegression.synthetic(DATA_SEED);
    LogisticRegression noIdentity = new BuggyLogisticRegression(model);
    double[] start = new double[model.features()];
    Method newton =
        new Method(
            "Newton, correct H",
            Newton.minimize(model, start, TOLERANCE, LIMIT),
            checkHessian(model, start, CHECK_SEED));
    Method buggyNewton =
        new Method(
            "Newton, H without λI",
            Newton.minimize(noIdentity, start, TOLERANCE, LIMIT),
            checkHessian(noIdentity, start, CHECK_SEED));
    Method cg =
        new Method(
            "Newton-CG, correct H·v",
            TruncatedNewton.minimize(model, start, TOLERANCE, LIMIT),
            checkProduct(model, start, CHECK_SEED));
    // Each gets a model of its own: the memo is state, and the check would otherwise fill it.
    Method buggyCg =
        new Method(
            "Newton-CG, memoized H·v",
            TruncatedNewton.minimize(new BuggyHessianProduct(model), start, TOLERANCE, LIMIT),
            checkProduct(new BuggyHessianProduct(model), start, CHECK_SEED));
    // At the minimum the buggy Hessian is XᵀSX exactly; its smallest eigenvalue sets the rate.
    double[] minimum = newton.run().point();
    double[] eigen =
        new EigenDecomposition(new Array2DRowRealMatrix(noIdentity.hessian(minimum), false))
            .getRealEigenvalues();
    double rate = LogisticRegression.LAMBDA / Arrays.stream(eigen).min().orElseThrow();
    Comparison comparison = new Comparison(newton, buggyNewton, cg, buggyCg, rate);
    print(comparison, out);
    return comparison;
  }

  private static void print(Comparison comparison, PrintStream out) {
    Method reference = comparison.newton();
    out.println("What does a wrong Hessian do to Newton's method?");
    out.printf(
        Locale.ROOT,
        "L2-regularised logistic regression (λ = %.1f) on %d samples with an intercept and %d"
            + " features,%nminimized from w = 0 until ‖g‖ < %.0e (at most %d iterations), by"
            + " Newton with Cholesky%nand by Newton-CG with Hessian-vector products only, each with"
            + " Armijo backtracking.%nloss - min is the final loss above the correct Newton run's;"
            + " distance is |w - w*| from its point.%n%n",
        LogisticRegression.LAMBDA,
        LogisticRegression.SAMPLES,
        LogisticRegression.FEATURES - 1,
        TOLERANCE,
        LIMIT);
    out.printf(
        Locale.ROOT,
        "%-24s %-18s %10s %8s %8s %10s %9s %9s%n",
        "",
        "stop",
        "iterations",
        "H·v",
        "halvings",
        "‖g‖",
        "loss-min",
        "distance");
    for (Method m : comparison.methods()) {
      Newton.Run r = m.run();
      out.printf(
          Locale.ROOT,
          "%-24s %-18s %10d %8d %8d %10.1e %9.1e %9.1e%n",
          m.name(),
          r.stop().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          r.iterations(),
          r.products(),
          r.halvings(),
          r.gradientNorm(),
          r.loss() - reference.run().loss(),
          distance(r.point(), reference.run().point()));
    }
    out.println();
    out.println("‖g‖ after each iteration:");
    out.printf(Locale.ROOT, "%4s", "k");
    for (Method m : comparison.methods()) {
      out.printf(Locale.ROOT, " %24s", m.name());
    }
    out.println();
    int rows =
        comparison.methods().stream().mapToInt(m -> m.run().gradientNorms().length).max().orElse(0);
    for (int k = 0; k < rows; k++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d", k));
      for (Method m : comparison.methods()) {
        double[] norms = m.run().gradientNorms();
        line.append(
            k < norms.length ? String.format(Locale.ROOT, " %24.2e", norms[k]) : " ".repeat(25));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println();
    out.println("gradcheck on each model's second derivatives at w = 0:");
    for (Method m : comparison.methods()) {
      out.printf(Locale.ROOT, "  %-24s %s%n", m.name(), m.verdict());
    }
    out.println();
    out.println(Text.wrap(comparison.finding(), 96));
  }

  private static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(sum);
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
