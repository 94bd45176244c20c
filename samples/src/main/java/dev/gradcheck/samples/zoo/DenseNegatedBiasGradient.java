package dev.gradcheck.samples.zoo;

import java.util.Arrays;
import java.util.Random;

/** A dense layer whose bias gradient has the wrong sign: {@code db -= dy}. */
public final class DenseNegatedBiasGradient extends ZooDense {

  /**
   * Creates the layer.
   *
   * @param in input features
   * @param out output features
   * @param random the source of the initial weights
   */
  public DenseNegatedBiasGradient(int in, int out, Random random) {
    super(in, out, random);
  }

  @Override
  public double[] backward(double[] dy, double[] dx) {
    Arrays.fill(dw, 0);
    Arrays.fill(db, 0);
    for (int r = 0; r < n; r++) {
      int yr = r * out;
      for (int j = 0; j < out; j++) {
        db[j] -= dy[yr + j]; // the bug: the bias enters the output with +1, not -1
      }
      for (int i = 0; i < in; i++) {
        double xi = x[r * in + i];
        int wi = i * out;
        double sum = 0;
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
