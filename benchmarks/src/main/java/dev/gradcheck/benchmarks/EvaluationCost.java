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
 * java -cp benchmarks/target/benchmarks.jar dev.gradcheck.benchmarks.EvaluationCost
 * </pre>
 */
public final class EvaluationCost {

  private static final int RESIDUALS = 50;
  private static final int PARAMETERS = 10;
  private static final int POINTS = 100;

  private EvaluationCost() {}

  /**
   * Runs both checks at {@value #POINTS} points and prints their evaluations.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    SplittableRandom random = new SplittableRandom(2026);
    long jvpTotal = 0;
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
      CheckResult jvp =
          GradientCheck.create()
              .seed(point)
              .param("theta", theta)
              .output(problem::residuals)
              .jacobianVectorProduct(problem::times)
              .run();
      jvpTotal += jvp.evaluations();
      passed += jacobian.passed() && vjp.passed() && jvp.passed() ? 1 : 0;
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
            + "  Jacobian / VJP: mean %.3f, worst point %.3f%n"
            + "  JVP check      (%d entries): mean %.1f forward evaluations%n",
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
        worstRatio,
        RESIDUALS * PARAMETERS,
        (double) jvpTotal / POINTS);
    hessians(random);
  }

  /** A 10-parameter logistic loss: gradient, Hessian after it, and Hessian from the loss alone. */
  private static void hessians(SplittableRandom random) {
    int n = PARAMETERS;
    double[][] a = new double[20][n];
    for (double[] row : a) {
      for (int k = 0; k < n; k++) {
        row[k] = random.nextDouble(-1, 1);
      }
    }
    long gradientTotal = 0;
    long hessianTotal = 0;
    long lossAloneTotal = 0;
    int passed = 0;
    for (int point = 0; point < POINTS; point++) {
      double[] w = new double[n];
      for (int k = 0; k < n; k++) {
        w[k] = random.nextDouble(-1, 1);
      }
      Logistic loss = new Logistic(a, w);
      double[] g = new double[n];
      CheckResult withBackward =
          GradientCheck.create()
              .seed(point)
              .param("w", w, g)
              .loss(loss::value)
              .backward(() -> loss.gradient(g))
              .hessian(loss::hessian)
              .run();
      CheckResult alone =
          GradientCheck.create()
              .seed(point)
              .param("w", w)
              .loss(loss::value)
              .hessian(loss::hessian)
              .run();
      // A declaration's evaluations include its follow-up's.
      long hessian = withBackward.followUps().get(0).evaluations();
      gradientTotal += withBackward.evaluations() - hessian;
      hessianTotal += hessian;
      lossAloneTotal += alone.evaluations();
      passed += withBackward.passed() && alone.passed() ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "%d-parameter logistic loss, %d points (all checks passed at %d):%n"
            + "  gradient check             (%d entries): mean %.1f loss evaluations%n"
            + "  Hessian after the backward (%d entries): mean %.1f evaluations of loss and"
            + " backward%n"
            + "  Hessian of the loss alone  (%d entries): mean %.1f loss evaluations%n",
        n,
        POINTS,
        passed,
        n,
        (double) gradientTotal / POINTS,
        n * n,
        (double) hessianTotal / POINTS,
        n * n,
        (double) lossAloneTotal / POINTS);
  }

  /** {@code Σ log(1 + exp(a_i·w)) + ‖w‖²/20} over the rows {@code a_i}. */
  private static final class Logistic {
    private final double[][] a;
    private final double[] w;

    Logistic(double[][] a, double[] w) {
      this.a = a;
      this.w = w;
    }

    private double z(double[] row) {
      double z = 0;
      for (int k = 0; k < w.length; k++) {
        z += row[k] * w[k];
      }
      return z;
    }

    double value() {
      double sum = 0;
      for (double[] row : a) {
        sum += Math.log1p(Math.exp(z(row)));
      }
      for (double v : w) {
        sum += v * v / 20;
      }
      return sum;
    }

    void gradient(double[] g) {
      for (int k = 0; k < w.length; k++) {
        g[k] = w[k] / 10;
      }
      for (double[] row : a) {
        double p = 1 / (1 + Math.exp(-z(row)));
        for (int k = 0; k < w.length; k++) {
          g[k] += p * row[k];
        }
      }
    }

    double[][] hessian() {
      double[][] h = new double[w.length][w.length];
      for (int k = 0; k < w.length; k++) {
        h[k][k] = 0.1;
      }
      for (double[] row : a) {
        double p = 1 / (1 + Math.exp(-z(row)));
        for (int j = 0; j < w.length; j++) {
          for (int k = 0; k < w.length; k++) {
            h[j][k] += p * (1 - p) * row[j] * row[k];
          }
        }
      }
      return h;
    }
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

    double[] times(double[] v) {
      double[][] j = jacobian();
      double[] out = new double[RESIDUALS];
      for (int i = 0; i < RESIDUALS; i++) {
        for (int k = 0; k < PARAMETERS; k++) {
          out[i] += j[i][k] * v[k];
        }
      }
      return out;
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
