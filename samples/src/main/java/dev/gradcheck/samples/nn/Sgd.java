package dev.gradcheck.samples.nn;

/**
 * Stochastic gradient descent with momentum for one parameter array: {@code velocity' = momentum ·
 * velocity + g}, {@code w' = w - learningRate · velocity'} (the form PyTorch uses).
 *
 * <p>{@link #step} is what a training loop calls. {@link #next} and {@link #backward} expose one
 * update as a differentiable function of the parameters, the gradient and the velocity, as
 * differentiating through an unrolled training step (meta-learning, hypergradients) needs. Here
 * that function is linear, so its backward is short, but it is the one a wrong sign or a momentum
 * applied in the wrong place would change, and it is what the tests check; a short training run
 * checks {@link #step}.
 */
public final class Sgd {

  /** The step size. */
  public final double learningRate;

  /** The velocity's decay per step, in {@code [0, 1)}; 0 is plain gradient descent. */
  public final double momentum;

  /** The velocity, the optimiser's state; starts at zero. */
  public final double[] velocity;

  /** Gradient of {@link #next}'s output with respect to the velocity; set by {@link #backward}. */
  public final double[] dvelocity;

  /**
   * Creates an optimiser for one parameter array.
   *
   * @param size the parameter array's length
   * @param learningRate the step size
   * @param momentum the velocity's decay per step
   */
  public Sgd(int size, double learningRate, double momentum) {
    this.learningRate = learningRate;
    this.momentum = momentum;
    this.velocity = new double[size];
    this.dvelocity = new double[size];
  }

  /**
   * Updates the parameters in place and advances the velocity.
   *
   * @param w the parameters, {@code size}
   * @param g their gradient, {@code size}
   */
  public void step(double[] w, double[] g) {
    Shapes.requireLength(w, velocity.length, "parameters");
    Shapes.requireLength(g, velocity.length, "gradient");
    for (int i = 0; i < w.length; i++) {
      velocity[i] = momentum * velocity[i] + g[i];
      w[i] -= learningRate * velocity[i];
    }
  }

  /**
   * Returns the parameters one step would produce, changing neither them nor the velocity.
   *
   * @param w the parameters, {@code size}
   * @param g their gradient, {@code size}
   * @return the updated parameters, a new array
   */
  public double[] next(double[] w, double[] g) {
    Shapes.requireLength(w, velocity.length, "parameters");
    Shapes.requireLength(g, velocity.length, "gradient");
    double[] updated = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      updated[i] = w[i] - learningRate * (momentum * velocity[i] + g[i]);
    }
    return updated;
  }

  /**
   * Backpropagates through {@link #next}: {@code dw = dnext}, {@code dg = -learningRate · dnext},
   * {@code dvelocity = -learningRate · momentum · dnext}.
   *
   * @param dnext gradient of the updated parameters, {@code size}
   * @param dw filled with the gradient of the parameters, {@code size}
   * @param dg filled with the gradient of the gradient, {@code size}
   */
  public void backward(double[] dnext, double[] dw, double[] dg) {
    Shapes.requireLength(dnext, velocity.length, "dnext");
    Shapes.requireLength(dw, velocity.length, "dw");
    Shapes.requireLength(dg, velocity.length, "dg");
    for (int i = 0; i < dnext.length; i++) {
      dw[i] = dnext[i];
      dg[i] = -learningRate * dnext[i];
      dvelocity[i] = -learningRate * momentum * dnext[i];
    }
  }
}
