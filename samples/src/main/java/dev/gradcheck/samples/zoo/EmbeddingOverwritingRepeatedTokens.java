package dev.gradcheck.samples.zoo;

import java.util.Arrays;
import java.util.Random;

/** An embedding whose backward assigns where repeated tokens must add up. */
public final class EmbeddingOverwritingRepeatedTokens extends ZooEmbedding {

  /**
   * Creates the layer; see {@link ZooEmbedding}.
   *
   * @param vocabulary number of tokens
   * @param dimension length of each vector
   * @param random the source of the initial table
   */
  public EmbeddingOverwritingRepeatedTokens(int vocabulary, int dimension, Random random) {
    super(vocabulary, dimension, random);
  }

  @Override
  public void backward(double[] dy) {
    Arrays.fill(dtable, 0);
    for (int r = 0; r < ids.length; r++) {
      int row = ids[r] * dimension;
      for (int j = 0; j < dimension; j++) {
        dtable[row + j] = dy[r * dimension + j]; // the bug: the last occurrence wins
      }
    }
  }
}
