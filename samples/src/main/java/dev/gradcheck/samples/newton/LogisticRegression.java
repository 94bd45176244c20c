package dev.gradcheck.samples.newton;

import java.util.Random;

/**
 * L2-regularised logistic regression with a hand-written gradient, Hessian and Hessian-vector
 * product, the three things a Newton solver needs:
 *
 * <pre>
 *   loss(w)    = Σ_i [log(1 + exp(z_i)) - y_i z_i] + λ/2 ‖w‖²,   z = X w
 *   ∇loss(w)   = Xᵀ (p - y) + λ w,                                p = σ(z)
 *   ∇²loss(w)  = Xᵀ diag(p (1 - p)) X + λ I
 *   ∇²loss·v   = Xᵀ (p (1 - p) ⊙ (X v)) + λ v
 * </pre>
 *
 * <p>The rows of {@code X} are the samples; its first column is all ones, so that {@code w[0]} is
 * the intercept (penalised like the other weights, to keep the formulas short). The labels are 0 or
 * 1. {@link #synthetic(long)} draws a small data set of this kind.
 */
public class LogisticRegression {

  /** The number of samples {@link #synthetic(long)} draws. */
  public static final int SAMPLES = 40;

  /** The number of weights: an intercept and three features. */
  public static final int FEATURES = 4;

  /** The weight of the L2 term {@code λ/2 ‖w‖²} in {@link #synthetic(long)}'s models. */
  public static final double LAMBDA = 1.0;

  /** The weights the labels of {@link #synthetic(long)} are drawn from. */
  static final double[] TRUE_WEIGHTS = {-0.5, 1.5, -2.0, 1.0};

  /** The design matrix, one row per sample, the first column all ones. */
  protected final double[][] x;

  /** The labels, 0 or 1. */
  protected final double[] y;

  /** The weight of the L2 term. */
  protected final double lambda;

  /**
   * Creates the model of a data set.
   *
   * @param x the design matrix, one row per sample; copied
   * @param y the labels, 0 or 1, one per sample; copied
   * @param lambda the weight of the L2 term, non-negative
   */
  public LogisticRegression(double[][] x, double[] y, double lambda) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " samples but " + y.length + " labels");
    }
    this.x = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      this.x[i] = x[i].clone();
    }
    this.y = y.clone();
    this.lambda = lambda;
  }

  /**
   * Draws a data set of {@link #SAMPLES} samples: standard Gaussian features behind an intercept
   * column, and labels drawn from {@code σ(x·w*)} with {@link #TRUE_WEIGHTS}, λ = {@link #LAMBDA}.
   *
   * @param seed the seed of the data
   * @return the model of the drawn data
   */
  public static LogisticRegression synthetic(long seed) {
    Random random = new Random(seed);
    double[][] x = new double[SAMPLES][FEATURES];
    double[] y = new double[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      x[i][0] = 1;
      for (int j = 1; j < FEATURES; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = random.nextDouble() < sigmoid(dot(x[i], TRUE_WEIGHTS)) ? 1 : 0;
    }
    return new LogisticRegression(x, y, LAMBDA);
  }

  /**
   * Returns the number of weights.
   *
   * @return the number of columns of the design matrix
   */
  public int features() {
    return x[0].length;
  }

  /**
   * Returns the loss at {@code w}.
   *
   * @param w the weights; read, never written
   * @return {@code Σ [log(1 + exp(z)) - y z] + λ/2 ‖w‖²}
   */
  public double loss(double[] w) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double z = dot(x[i], w);
      sum += softplus(z) - y[i] * z;
    }
    return sum + 0.5 * lambda * dot(w, w);
  }

  /**
   * Writes the gradient at {@code w}.
   *
   * @param w the weights; read, never written
   * @param g overwritten with {@code Xᵀ (p - y) + λ w}
   */
  public void gradient(double[] w, double[] g) {
    for (int j = 0; j < g.length; j++) {
      g[j] = lambda * w[j];
    }
    for (int i = 0; i < x.length; i++) {
      double r = sigmoid(dot(x[i], w)) - y[i];
      for (int j = 0; j < g.length; j++) {
        g[j] += x[i][j] * r;
      }
    }
  }

  /**
   * Returns the gradient at {@code w} in a new array.
   *
   * @param w the weights; read, never written
   * @return {@code Xᵀ (p - y) + λ w}
   */
  public final double[] gradient(double[] w) {
    double[] g = new double[w.length];
    gradient(w, g);
    return g;
  }

  /**
   * Returns the Hessian at {@code w}, formed in full.
   *
   * @param w the weights; read, never written
   * @return a new {@code n × n} matrix {@code Xᵀ diag(p (1 - p)) X + λ I}
   */
  public double[][] hessian(double[] w) {
    int n = w.length;
    double[][] h = new double[n][n];
    for (double[] row : x) {
      double p = sigmoid(dot(row, w));
      double s = p * (1 - p);
      for (int a = 0; a < n; a++) {
        for (int b = a; b < n; b++) {
          h[a][b] += s * row[a] * row[b];
        }
      }
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < a; b++) {
        h[a][b] = h[b][a]; // the lower triangle mirrors the upper, bit for bit
      }
    }
    for (int a = 0; a < n; a++) {
      h[a][a] += lambda;
    }
    return h;
  }

  /**
   * Returns the Hessian at {@code w} times {@code v}, without forming the Hessian: two passes over
   * the data, {@code X v} and then {@code Xᵀ (p (1 - p) ⊙ X v)}.
   *
   * @param w the weights; read, never written
   * @param v the direction; read, never written
   * @return a new vector {@code Xᵀ (p (1 - p) ⊙ (X v)) + λ v}
   */
  public double[] hessianTimes(double[] w, double[] v) {
    double[] hv = new double[v.length];
    for (int j = 0; j < v.length; j++) {
      hv[j] = lambda * v[j];
    }
    for (double[] row : x) {
      double p = sigmoid(dot(row, w));
      double t = p * (1 - p) * dot(row, v);
      for (int j = 0; j < v.length; j++) {
        hv[j] += t * row[j];
      }
    }
    return hv;
  }

  /**
   * Returns the logistic function, without overflow for large {@code |z|}.
   *
   * @param z the argument
   * @return {@code 1 / (1 + exp(-z))}
   */
  static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  /** {@code log(1 + exp(z))}, without overflow for large {@code z}. */
  private static double softplus(double z) {
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
