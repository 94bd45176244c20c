package dev.gradcheck.samples.zoo;

import java.util.Arrays;
import java.util.Random;

/** An embedding whose backward looks tokens up one row early: {@code ids[r] - 1}. */
public final class EmbeddingGradientRowShifted extends ZooEmbedding {

  /**
   * Creates the layer; see {@link ZooEmbedding}.
   *
   * @param vocabulary number of tokens
   * @param dimension length of each vector
   * @param random the source of the initial table
   */
  public EmbeddingGradientRowShifted(int vocabulary, int dimension, Random random) {
    super(vocabulary, dimension, random);
  }

  @Override
  public void backward(double[] dy) {
    Arrays.fill(dtable, 0);
    for (int r = 0; r < ids.length; r++) {
      int row = (ids[r] - 1) * dimension; // the bug: ids are 0-based in the forward
      for (int j = 0; j < dimension; j++) {
        dtable[row + j] += dy[r * dimension + j];
      }
    }
  }
}
