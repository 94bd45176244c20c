package dev.gradcheck.samples.zoo;

import java.util.Random;

/** An embedding whose sparse backward adds into {@code dtable} without clearing it first. */
public final class EmbeddingAccumulatingGradient extends ZooEmbedding {

  /**
   * Creates the layer; see {@link ZooEmbedding}.
   *
   * @param vocabulary number of tokens
   * @param dimension length of each vector
   * @param random the source of the initial table
   */
  public EmbeddingAccumulatingGradient(int vocabulary, int dimension, Random random) {
    super(vocabulary, dimension, random);
  }

  @Override
  public void backward(double[] dy) {
    // the bug: no Arrays.fill(dtable, 0), "only the rows of seen tokens change"
    for (int r = 0; r < ids.length; r++) {
      int row = ids[r] * dimension;
      for (int j = 0; j < dimension; j++) {
        dtable[row + j] += dy[r * dimension + j];
      }
    }
  }
}
