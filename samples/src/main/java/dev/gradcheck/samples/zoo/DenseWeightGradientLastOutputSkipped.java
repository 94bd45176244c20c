package dev.gradcheck.samples.zoo;

import java.util.Arrays;
import java.util.Random;

/** A dense layer whose weight-gradient loop stops one output unit short. */
public final class DenseWeightGradientLastOutputSkipped extends ZooDense {

  /**
   * Creates the layer.
   *
   * @param in input features
   * @param out output features
   * @param random the source of the initial weights
   */
  public DenseWeightGradientLastOutputSkipped(int in, int out, Random random) {
    super(in, out, random);
  }

  @Override
  public double[] backward(double[] dy, double[] dx) {
    Arrays.fill(dw, 0);
    Arrays.fill(db, 0);
    for (int r = 0; r < n; r++) {
      int yr = r * out;
      for (int j = 0; j < out; j++) {
        db[j] += dy[yr + j];
      }
      for (int i = 0; i < in; i++) {
        double sum = 0;
        for (int j = 0; j < out; j++) {
          sum += w[i * out + j] * dy[yr + j];
        }
        dx[r * in + i] = sum;
      }
    }
    // the weight gradient as a separate outer product x^T dy, for cache-friendliness
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < out - 1; j++) { // the bug: one output unit short
        double sum = 0;
        for (int r = 0; r < n; r++) {
          sum += x[r * in + i] * dy[r * out + j];
        }
        dw[i * out + j] = sum;
      }
    }
    return dx;
  }
}
