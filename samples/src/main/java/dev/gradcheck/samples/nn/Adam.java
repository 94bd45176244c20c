package dev.gradcheck.samples.nn;

/**
 * Adam (Kingma and Ba) for one parameter array. Step {@code t} (from 1) updates
 *
 * <pre>
 * m' = β₁ m + (1 - β₁) g          v' = β₂ v + (1 - β₂) g²
 * m̂ = m' / (1 - β₁ᵗ)               v̂ = v' / (1 - β₂ᵗ)
 * w' = w - learningRate · m̂ / (√v̂ + ε)
 * </pre>
 *
 * <p>{@link #step} is what a training loop calls. {@link #next} and {@link #backward} expose one
 * update as a differentiable function of the parameters {@code w}, the gradient {@code g} and the
 * moments {@code m} and {@code v}, with the step count fixed. That is the function that
 * differentiating through an unrolled training step (meta-learning, hypergradients) needs, and,
 * unlike SGD's, it is nonlinear in {@code g} and {@code v}: a bias correction applied to the wrong
 * moment, an ε inside the square root, or a missing factor of the chain rule through {@code g²}
 * changes it, so the tests check it entry by entry. A short training run checks {@link #step}.
 *
 * <p>Check it after a few steps: at the first step from zero moments {@code w' ≈ w - learningRate ·
 * sign(g)}, whose derivative in {@code g} is nearly zero everywhere.
 */
public final class Adam {

  /** The step size. */
  public final double learningRate;

  /** Decay of the first moment, such as 0.9. */
  public final double beta1;

  /** Decay of the second moment, such as 0.999. */
  public final double beta2;

  /** Added to {@code √v̂}, such as 1e-8. */
  public final double epsilon;

  /** First moment, the optimiser's state; starts at zero. */
  public final double[] m;

  /** Gradient of {@link #next}'s output with respect to {@link #m}; set by {@link #backward}. */
  public final double[] dm;

  /** Second moment, the optimiser's state; starts at zero. */
  public final double[] v;

  /** Gradient of {@link #next}'s output with respect to {@link #v}; set by {@link #backward}. */
  public final double[] dv;

  private int steps;
  private double[] g;

  /**
   * Creates an optimiser for one parameter array.
   *
   * @param size the parameter array's length
   * @param learningRate the step size
   * @param beta1 decay of the first moment
   * @param beta2 decay of the second moment
   * @param epsilon added to the root of the second moment
   */
  public Adam(int size, double learningRate, double beta1, double beta2, double epsilon) {
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.m = new double[size];
    this.dm = new double[size];
    this.v = new double[size];
    this.dv = new double[size];
  }

  /** Returns the number of steps taken so far. */
  public int steps() {
    return steps;
  }

  /**
   * Updates the parameters in place and advances the moments and the step count.
   *
   * @param w the parameters, {@code size}
   * @param g their gradient, {@code size}
   */
  public void step(double[] w, double[] g) {
    Shapes.requireLength(w, m.length, "parameters");
    Shapes.requireLength(g, m.length, "gradient");
    steps++;
    double c1 = 1 - Math.pow(beta1, steps);
    double c2 = 1 - Math.pow(beta2, steps);
    for (int i = 0; i < w.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      w[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
    }
  }

  /**
   * Returns the parameters the next step would produce, changing neither them nor the state.
   *
   * @param w the parameters, {@code size}
   * @param g their gradient, {@code size}; kept for the backward
   * @return the updated parameters, a new array
   */
  public double[] next(double[] w, double[] g) {
    Shapes.requireLength(w, m.length, "parameters");
    Shapes.requireLength(g, m.length, "gradient");
    this.g = g;
    double c1 = 1 - Math.pow(beta1, steps + 1);
    double c2 = 1 - Math.pow(beta2, steps + 1);
    double[] updated = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double mhat = (beta1 * m[i] + (1 - beta1) * g[i]) / c1;
      double vhat = (beta2 * v[i] + (1 - beta2) * g[i] * g[i]) / c2;
      updated[i] = w[i] - learningRate * mhat / (Math.sqrt(vhat) + epsilon);
    }
    return updated;
  }

  /**
   * Backpropagates through the last {@link #next} at the current state: with {@code r = √v̂ + ε},
   * {@code dm̂ = -learningRate · dnext / r} and {@code dv̂ = learningRate · dnext · m̂ / (2 r²
   * √v̂)}, then through the bias corrections and the moment updates to {@code g}, {@code m} and
   * {@code v}.
   *
   * @param dnext gradient of the updated parameters, {@code size}
   * @param dw filled with the gradient of the parameters, {@code size}
   * @param dg filled with the gradient of the gradient, {@code size}
   */
  public void backward(double[] dnext, double[] dw, double[] dg) {
    Shapes.requireLength(dnext, m.length, "dnext");
    Shapes.requireLength(dw, m.length, "dw");
    Shapes.requireLength(dg, m.length, "dg");
    double c1 = 1 - Math.pow(beta1, steps + 1);
    double c2 = 1 - Math.pow(beta2, steps + 1);
    for (int i = 0; i < dnext.length; i++) {
      double mhat = (beta1 * m[i] + (1 - beta1) * g[i]) / c1;
      double root = Math.sqrt((beta2 * v[i] + (1 - beta2) * g[i] * g[i]) / c2);
      double r = root + epsilon;
      double dmNew = -learningRate * dnext[i] / r / c1;
      double dvNew = learningRate * dnext[i] * mhat / (2 * r * r * root) / c2;
      dw[i] = dnext[i];
      dg[i] = (1 - beta1) * dmNew + (1 - beta2) * 2 * g[i] * dvNew;
      dm[i] = beta1 * dmNew;
      dv[i] = beta2 * dvNew;
    }
  }
}
