package dev.gradcheck.samples.zoo;

import java.util.Random;

/** A dense layer whose backward adds into {@code dw} and {@code db} without clearing them first. */
public final class DenseAccumulatingGradients extends ZooDense {

  /**
   * Creates the layer.
   *
   * @param in input features
   * @param out output features
   * @param random the source of the initial weights
   */
  public DenseAccumulatingGradients(int in, int out, Random random) {
    super(in, out, random);
  }

  @Override
  public double[] backward(double[] dy, double[] dx) {
    // the bug: no Arrays.fill(dw, 0) and Arrays.fill(db, 0) here
    for (int r = 0; r < n; r++) {
      int yr = r * out;
      for (int j = 0; j < out; j++) {
        db[j] += dy[yr + j];
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
