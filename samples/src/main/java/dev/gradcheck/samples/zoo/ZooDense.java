package dev.gradcheck.samples.zoo;

import java.util.Random;

/**
 * {@link dev.gradcheck.samples.nn.Dense} with its forward copied verbatim and its backward left to
 * each buggy variant: {@code y = x w + b}, input {@code n x in}, weights {@code in x out}
 * row-major, bias {@code out}.
 */
public abstract class ZooDense {

  /** Input features. */
  public final int in;

  /** Output features. */
  public final int out;

  /** Weights, {@code in x out}, row-major. */
  public final double[] w;

  /** Gradient of the weights, {@code in x out}. */
  public final double[] dw;

  /** Bias, {@code out}. */
  public final double[] b;

  /** Gradient of the bias, {@code out}. */
  public final double[] db;

  /** The input of the last forward, {@code n x in}. */
  protected double[] x;

  /** The batch size of the last forward. */
  protected int n;

  private double[] y = new double[0];

  /**
   * Creates a layer with LeCun-normal weights and zero bias, as {@code Dense} does.
   *
   * @param in input features
   * @param out output features
   * @param random the source of the initial weights
   */
  protected ZooDense(int in, int out, Random random) {
    this.in = in;
    this.out = out;
    this.w = new double[in * out];
    double scale = 1 / Math.sqrt(in);
    for (int i = 0; i < w.length; i++) {
      w[i] = scale * random.nextGaussian();
    }
    this.dw = new double[in * out];
    this.b = new double[out];
    this.db = new double[out];
  }

  /**
   * Computes {@code x w + b}.
   *
   * @param x input, {@code n x in}; kept for the backward
   * @return output, {@code n x out}; reused by the next forward of the same batch size
   */
  public final double[] forward(double[] x) {
    n = x.length / in;
    this.x = x;
    if (y.length != n * out) {
      y = new double[n * out];
    }
    for (int r = 0; r < n; r++) {
      int yr = r * out;
      System.arraycopy(b, 0, y, yr, out);
      for (int i = 0; i < in; i++) {
        double xi = x[r * in + i];
        int wi = i * out;
        for (int j = 0; j < out; j++) {
          y[yr + j] += xi * w[wi + j];
        }
      }
    }
    return y;
  }

  /**
   * Backpropagates through the last forward into {@link #dw}, {@link #db} and {@code dx}, with the
   * variant's bug.
   *
   * @param dy gradient of the output, {@code n x out}
   * @param dx filled with the gradient of the input, {@code n x in}
   * @return {@code dx}
   */
  public abstract double[] backward(double[] dy, double[] dx);
}
