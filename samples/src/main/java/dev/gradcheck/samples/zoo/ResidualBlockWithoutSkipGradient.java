package dev.gradcheck.samples.zoo;

import dev.gradcheck.samples.nn.Dense;
import dev.gradcheck.samples.nn.Relu;
import java.util.Random;

/** A residual block whose backward forgets the skip path's {@code dx += dy}. */
public final class ResidualBlockWithoutSkipGradient {

  /** The branch's first layer, {@code features -> hidden}. */
  public final Dense first;

  /** The branch's rectifier. */
  public final Relu relu = new Relu();

  /** The branch's second layer, {@code hidden -> features}. */
  public final Dense second;

  private double[] y = new double[0];
  private double[] dhidden = new double[0];
  private double[] dactivation = new double[0];

  /**
   * Creates a block with freshly initialised layers.
   *
   * @param features input and output features
   * @param hidden width of the branch
   * @param random the source of the initial weights
   */
  public ResidualBlockWithoutSkipGradient(int features, int hidden, Random random) {
    this.first = new Dense(features, hidden, random);
    this.second = new Dense(hidden, features, random);
  }

  /**
   * Computes {@code x + second(relu(first(x)))}.
   *
   * @param x input, {@code n x features}
   * @return output, {@code n x features}
   */
  public double[] forward(double[] x) {
    double[] branch = second.forward(relu.forward(first.forward(x)));
    if (y.length != x.length) {
      y = new double[x.length];
    }
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] + branch[i];
    }
    return y;
  }

  /**
   * Backpropagates through the branch only.
   *
   * @param dy gradient of the output, {@code n x features}
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
    // the bug: for (i...) dx[i] += dy[i]; is missing
    return dx;
  }
}
