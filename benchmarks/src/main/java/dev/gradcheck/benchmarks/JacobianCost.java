package dev.gradcheck.benchmarks;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints the forward evaluations of a full Jacobian check and of a vector-Jacobian-product check of
 * the same smooth 50 × 10 least-squares problem, side by side over many points: a Jacobian check
 * reads every output entry from the evaluations one gradient check makes.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.gradcheck.benchmarks.JacobianCost
 * </pre>
 */
public final class JacobianCost {

  private static final int RESIDUALS = 50;
  private static final int PARAMETERS = 10;
  private static final int POINTS = 100;

  private JacobianCost() {}

  /**
   * Runs both checks at {@value #POINTS} points and prints their evaluations.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    SplittableRandom random = new SplittableRandom(2026);
    long jacobianTotal = 0;
    long vjpTotal = 0;
    long jacobianMax = 0;
    long vjpMax = 0;
    int passed = 0;
    double worstRatio = 0;
    for (int point = 0; point < POINTS; point++) {
      double[] theta = new double[PARAMETERS];
      for (int k = 0; k < PARAMETERS; k++) {
        theta[k] = random.nextDouble(-1, 1);
      }
      Problem problem = new Problem(theta);
      CheckResult jacobian =
          GradientCheck.create()
              .seed(point)
              .param("theta", theta)
              .output(problem::residuals)
              .jacobian(problem::jacobian)
              .run();
      double[] gradient = new double[PARAMETERS];
      CheckResult vjp =
          GradientCheck.create()
              .seed(point)
              .param("theta", theta, gradient)
              .output(problem::residuals)
              .backward(dy -> problem.backward(dy, gradient))
              .run();
      passed += jacobian.passed() && vjp.passed() ? 1 : 0;
      jacobianTotal += jacobian.evaluations();
      vjpTotal += vjp.evaluations();
      jacobianMax = Math.max(jacobianMax, jacobian.evaluations());
      vjpMax = Math.max(vjpMax, vjp.evaluations());
      worstRatio = Math.max(worstRatio, (double) jacobian.evaluations() / vjp.evaluations());
    }
    System.out.printf(
        Locale.ROOT,
        "%d x %d least-squares problem, %d points (both checks passed at %d):%n"
            + "  Jacobian check (%d entries): mean %.1f, max %d forward evaluations%n"
            + "  VJP check      (%d entries): mean %.1f, max %d forward evaluations%n"
            + "  Jacobian / VJP: mean %.3f, worst point %.3f%n",
        RESIDUALS,
        PARAMETERS,
        POINTS,
        passed,
        RESIDUALS * PARAMETERS,
        (double) jacobianTotal / POINTS,
        jacobianMax,
        PARAMETERS,
        (double) vjpTotal / POINTS,
        vjpMax,
        (double) jacobianTotal / vjpTotal,
        worstRatio);
  }

  /**
   * Residuals {@code r_i = Σ_k a_ik sin(θ_k t_i + k) + exp(-θ_0 t_i) θ_1 - y_i} at 50 times, with
   * their Jacobian.
   */
  private static final class Problem {
    private final double[] theta;

    Problem(double[] theta) {
      this.theta = theta;
    }

    double[] residuals() {
      double[] r = new double[RESIDUALS];
      for (int i = 0; i < RESIDUALS; i++) {
        double t = 0.1 * i;
        double sum = Math.exp(-theta[0] * t) * theta[1] - Math.cos(t);
        for (int k = 0; k < PARAMETERS; k++) {
          sum += weight(i, k) * Math.sin(theta[k] * t + k);
        }
        r[i] = sum;
      }
      return r;
    }

    double[][] jacobian() {
      double[][] j = new double[RESIDUALS][PARAMETERS];
      for (int i = 0; i < RESIDUALS; i++) {
        double t = 0.1 * i;
        for (int k = 0; k < PARAMETERS; k++) {
          j[i][k] = weight(i, k) * t * Math.cos(theta[k] * t + k);
        }
        j[i][0] += -t * Math.exp(-theta[0] * t) * theta[1];
        j[i][1] += Math.exp(-theta[0] * t);
      }
      return j;
    }

    void backward(double[] dy, double[] gradient) {
      double[][] j = jacobian();
      for (int k = 0; k < PARAMETERS; k++) {
        double sum = 0;
        for (int i = 0; i < RESIDUALS; i++) {
          sum += dy[i] * j[i][k];
        }
        gradient[k] = sum;
      }
    }

    private static double weight(int i, int k) {
      return 1 + 0.1 * ((i * 7 + k * 3) % 11);
    }
  }
}
