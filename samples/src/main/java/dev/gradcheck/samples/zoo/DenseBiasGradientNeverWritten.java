package dev.gradcheck.samples.zoo;

import java.util.Arrays;
import java.util.Random;

/** A dense layer whose backward never writes the bias gradient. */
public final class DenseBiasGradientNeverWritten extends ZooDense {

  /**
   * Creates the layer.
   *
   * @param in input features
   * @param out output features
   * @param random the source of the initial weights
   */
  public DenseBiasGradientNeverWritten(int in, int out, Random random) {
    super(in, out, random);
  }

  @Override
  public double[] backward(double[] dy, double[] dx) {
    Arrays.fill(dw, 0);
    // the bug: the column sums of dy into db were forgotten
    for (int r = 0; r < n; r++) {
      int yr = r * out;
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
