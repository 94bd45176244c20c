package dev.gradcheck.samples.zoo;

import java.util.Arrays;
import java.util.Random;

/** A float dense layer whose bias gradient has the wrong sign: {@code db -= dy}. */
public final class DenseFloatNegatedBiasGradient {

  /** Input features. */
  public final int in;

  /** Output features. */
  public final int out;

  /** Weights, {@code in x out}, row-major. */
  public final float[] w;

  /** Gradient of the weights. */
  public final float[] dw;

  /** Bias, {@code out}. */
  public final float[] b;

  /** Gradient of the bias. */
  public final float[] db;

  private float[] x;
  private float[] y = new float[0];
  private int n;

  /**
   * Creates a layer with LeCun-normal weights and zero bias, as {@code DenseFloat} does.
   *
   * @param in input features
   * @param out output features
   * @param random the source of the initial weights
   */
  public DenseFloatNegatedBiasGradient(int in, int out, Random random) {
    this.in = in;
    this.out = out;
    this.w = new float[in * out];
    double scale = 1 / Math.sqrt(in);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (scale * random.nextGaussian());
    }
    this.dw = new float[in * out];
    this.b = new float[out];
    this.db = new float[out];
  }

  /**
   * Computes {@code x w + b} in float.
   *
   * @param x input, {@code n x in}; kept for the backward
   * @return output, {@code n x out}
   */
  public float[] forward(float[] x) {
    n = x.length / in;
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
   * Backpropagates through the last forward, with the bias gradient negated.
   *
   * @param dy gradient of the output, {@code n x out}
   * @param dx filled with the gradient of the input, {@code n x in}
   * @return {@code dx}
   */
  public float[] backward(float[] dy, float[] dx) {
    Arrays.fill(dw, 0);
    Arrays.fill(db, 0);
    for (int r = 0; r < n; r++) {
      int yr = r * out;
      for (int j = 0; j < out; j++) {
        db[j] -= dy[yr + j]; // the bug: the bias enters the output with +1, not -1
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
