package dev.gradcheck.samples.zoo;

import dev.gradcheck.samples.nn.Dense;
import dev.gradcheck.samples.nn.Relu;
import java.util.Random;

/** A residual block whose backward never calls its projection shortcut's backward. */
public final class ProjectionBlockShortcutNotBackpropagated {

  /** The projection shortcut, {@code features -> outFeatures}. */
  public final Dense shortcut;

  /** The branch's first layer, {@code features -> hidden}. */
  public final Dense first;

  /** The branch's rectifier. */
  public final Relu relu = new Relu();

  /** The branch's second layer, {@code hidden -> outFeatures}. */
  public final Dense second;

  private double[] y = new double[0];
  private double[] dhidden = new double[0];
  private double[] dactivation = new double[0];

  /**
   * Creates a block with freshly initialised layers.
   *
   * @param features input features
   * @param hidden width of the branch
   * @param outFeatures output features
   * @param random the source of the initial weights
   */
  public ProjectionBlockShortcutNotBackpropagated(
      int features, int hidden, int outFeatures, Random random) {
    this.shortcut = new Dense(features, outFeatures, random);
    this.first = new Dense(features, hidden, random);
    this.second = new Dense(hidden, outFeatures, random);
  }

  /**
   * Computes {@code shortcut(x) + second(relu(first(x)))}.
   *
   * @param x input, {@code n x features}
   * @return output, {@code n x outFeatures}
   */
  public double[] forward(double[] x) {
    double[] projected = shortcut.forward(x);
    double[] branch = second.forward(relu.forward(first.forward(x)));
    if (y.length != branch.length) {
      y = new double[branch.length];
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = projected[i] + branch[i];
    }
    return y;
  }

  /**
   * Backpropagates through the branch only.
   *
   * @param dy gradient of the output, {@code n x outFeatures}
   * @param dx filled with the gradient of the input, {@code n x features}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    int n = y.length / second.out;
    if (dhidden.length != n * first.out) {
      dhidden = new double[n * first.out];
      dactivation = new double[n * first.out];
    }
    second.backward(dy, dactivation);
    relu.backward(dactivation, dhidden);
    first.backward(dhidden, dx);
    // the bug: shortcut.backward(dy, dxShortcut) and dx += dxShortcut are missing
    return dx;
  }
}
