package dev.gradcheck.samples.nn;

import java.util.Arrays;
import java.util.Random;

/**
 * {@link Dense} in single precision: {@code y = x w + b} with {@code float[]} storage and {@code
 * float} arithmetic throughout. Input {@code n x in}, weights {@code in x out}, bias {@code out},
 * output {@code n x out}.
 */
public final class DenseFloat {

  /** Input features. */
  public final int in;

  /** Output features. */
  public final int out;

  /** Weights, {@code in x out}, row-major. */
  public final float[] w;

  /** Gradient of the weights, {@code in x out}; overwritten by {@link #backward}. */
  public final float[] dw;

  /** Bias, {@code out}. */
  public final float[] b;

  /** Gradient of the bias, {@code out}; overwritten by {@link #backward}. */
  public final float[] db;

  private float[] x;
  private float[] y = new float[0];
  private int n;

  /**
   * Creates a layer with LeCun-normal weights and zero bias.
   *
   * @param in input features
   * @param out output features
   * @param random the source of the initial weights
   */
  public DenseFloat(int in, int out, Random random) {
    this.in = in;
    this.out = out;
    this.w = Init.lecun(new float[in * out], in, random);
    this.dw = new float[in * out];
    this.b = new float[out];
    this.db = new float[out];
  }

  /**
   * Computes {@code x w + b}.
   *
   * @param x input, {@code n x in}; kept for the backward
   * @return output, {@code n x out}; reused by the next forward of the same batch size
   */
  public float[] forward(float[] x) {
    n = Shapes.rows(x, in, "input");
    this.x = x;
    if (y.length != n * out) {
      y = new float[n * out];
    }
    for (int r = 0; r < n; r++) {
      int yr = r * out;
      System.arraycopy(b, 0, y, yr, out);
      for (int i = 0; i < in; i++) {
        float xi = x[r * in + i];
        int wi = i * out;
        for (int j = 0; j < out; j++) {
          y[yr + j] += xi * w[wi + j];
        }
      }
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: {@code dx = dy wᵀ}, {@code dw = xᵀ dy}, {@code db =}
   * column sums of {@code dy}.
   *
   * @param dy gradient of the output, {@code n x out}
   * @param dx filled with the gradient of the input, {@code n x in}
   * @return {@code dx}
   */
  public float[] backward(float[] dy, float[] dx) {
    Shapes.requireLength(dy, n * out, "dy");
    Shapes.requireLength(dx, n * in, "dx");
    Arrays.fill(dw, 0);
    Arrays.fill(db, 0);
    for (int r = 0; r < n; r++) {
      int yr = r * out;
      for (int j = 0; j < out; j++) {
        db[j] += dy[yr + j];
      }
      for (int i = 0; i < in; i++) {
        float xi = x[r * in + i];
        int wi = i * out;
        float sum = 0;
        for (int j = 0; j < out; j++) {
          dw[wi + j] += xi * dy[yr + j];
          sum += w[wi + j] * dy[yr + j];
        }
        dx[r * in + i] = sum;
      }
    }
    return dx;
  }
}
