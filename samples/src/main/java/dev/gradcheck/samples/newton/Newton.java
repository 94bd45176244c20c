package dev.gradcheck.samples.newton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * Newton's method on a {@link LogisticRegression}: at each iterate the Hessian is formed and the
 * Newton step {@code H s = -g} solved by Cholesky, then taken in full or halved until the loss
 * decreases enough (Armijo backtracking), until {@code ‖g‖} is below a tolerance.
 *
 * <p>With the right Hessian the full step is taken from the first iterations on and {@code ‖g‖}
 * falls quadratically; any positive definite matrix in its place still gives descent steps, so a
 * wrong Hessian does not stop the method, it slows it down.
 */
public final class Newton {

  /** The Armijo constant: a step must achieve this fraction of the decrease its slope predicts. */
  static final double ARMIJO = 1e-4;

  /** Halvings of a step after which the line search gives up. */
  static final int MAX_HALVINGS = 60;

  private Newton() {}

  /** Why a minimization stopped. */
  public enum Stop {
    /** {@code ‖g‖} fell below the tolerance. */
    CONVERGED,
    /**
     * No step along the method's direction lowered the loss, even after {@link #MAX_HALVINGS}
     * halvings: the method cannot go on.
     */
    LINE_SEARCH_FAILED,
    /** The limit on iterations was reached first. */
    ITERATION_LIMIT
  }

  /**
   * One minimization: where it ended and how it got there.
   *
   * @param point the last iterate
   * @param iterations the Newton steps taken
   * @param loss the loss at {@code point}
   * @param gradientNorms {@code ‖g‖} at the start and after each step: {@code iterations + 1}
   *     entries
   * @param halvings the step halvings of the line search, over all iterations
   * @param stepProducts the Hessian-vector products each step used, the failed last one included
   *     (all 0 for the direct method, which forms the Hessian)
   * @param stop why the method stopped
   */
  public record Run(
      double[] point,
      int iterations,
      double loss,
      double[] gradientNorms,
      int halvings,
      long[] stepProducts,
      Stop stop) {

    /**
     * Returns the Hessian-vector products used in all.
     *
     * @return the sum of {@link #stepProducts()}
     */
    public long products() {
      return Arrays.stream(stepProducts).sum();
    }

    /**
     * Returns whether {@code ‖g‖} fell below the tolerance.
     *
     * @return whether the run converged
     */
    public boolean converged() {
      return stop == Stop.CONVERGED;
    }

    /**
     * Returns {@code ‖g‖} at the last iterate.
     *
     * @return the final gradient norm
     */
    public double gradientNorm() {
      return gradientNorms[gradientNorms.length - 1];
    }
  }

  /**
   * Minimizes the model by Newton's method with the Hessian it returns.
   *
   * @param model the model; its {@link LogisticRegression#hessian} is factored at every iterate
   * @param start the first iterate; not modified
   * @param tolerance the {@code ‖g‖} at which to stop
   * @param maxIterations the Newton steps after which to stop anyway
   * @return the run
   * @throws org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException when a Hessian is
   *     not positive definite
   */
  public static Run minimize(
      LogisticRegression model, double[] start, double tolerance, int maxIterations) {
    return iterate(
        model,
        start,
        tolerance,
        maxIterations,
        (w, g) -> {
          double[] minusG = new double[g.length];
          for (int j = 0; j < g.length; j++) {
            minusG[j] = -g[j];
          }
          return new CholeskyDecomposition(new Array2DRowRealMatrix(model.hessian(w), false))
              .getSolver()
              .solve(new ArrayRealVector(minusG, false))
              .toArray();
        },
        () -> 0);
  }

  /** The step a method takes from {@code w}, given the gradient {@code g} there. */
  interface StepRule {
    double[] step(double[] w, double[] g);
  }

  /** The loop both methods share: a step, a backtracking line search, a stopping test. */
  static Run iterate(
      LogisticRegression model,
      double[] start,
      double tolerance,
      int maxIterations,
      StepRule rule,
      LongSupplier products) {
    double[] w = start.clone();
    double[] g = model.gradient(w);
    double f = model.loss(w);
    List<Double> norms = new ArrayList<>();
    List<Long> stepProducts = new ArrayList<>();
    norms.add(norm(g));
    int iterations = 0;
    int halvings = 0;
    Stop stop = Stop.ITERATION_LIMIT;
    while (iterations < maxIterations) {
      if (norm(g) < tolerance) {
        stop = Stop.CONVERGED;
        break;
      }
      long before = products.getAsLong();
      double[] s = rule.step(w, g);
      stepProducts.add(products.getAsLong() - before);
      double slope = LogisticRegression.dot(g, s);
      if (!(slope < 0)) { // not a descent direction: fall back to steepest descent
        s = negate(g);
        slope = -LogisticRegression.dot(g, g);
      }
      double t = 1;
      double[] trial = axpy(w, t, s);
      double ft = model.loss(trial);
      // The slack lets a step that changes the loss by no more than its rounding pass, so that the
      // search does not stall once the loss is flat to double precision.
      double slack = 1e-13 * Math.abs(f);
      int halved = 0;
      while (!(ft <= f + ARMIJO * t * slope + slack) && halved < MAX_HALVINGS) {
        t /= 2;
        halved++;
        trial = axpy(w, t, s);
        ft = model.loss(trial);
      }
      halvings += halved;
      if (halved == MAX_HALVINGS) {
        stop = Stop.LINE_SEARCH_FAILED;
        break;
      }
      w = trial;
      f = ft;
      model.gradient(w, g);
      iterations++;
      norms.add(norm(g));
    }
    if (stop == Stop.ITERATION_LIMIT && norm(g) < tolerance) {
      stop = Stop.CONVERGED; // the last step allowed reached the tolerance
    }
    return new Run(
        w,
        iterations,
        f,
        norms.stream().mapToDouble(Double::doubleValue).toArray(),
        halvings,
        stepProducts.stream().mapToLong(Long::longValue).toArray(),
        stop);
  }

  static double norm(double[] v) {
    return Math.sqrt(LogisticRegression.dot(v, v));
  }

  static double[] negate(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = -v[i];
    }
    return out;
  }

  private static double[] axpy(double[] w, double t, double[] s) {
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i] + t * s[i];
    }
    return out;
  }
}
