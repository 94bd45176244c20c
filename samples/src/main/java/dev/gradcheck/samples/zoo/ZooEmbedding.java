package dev.gradcheck.samples.zoo;

import java.util.Random;

/**
 * {@link dev.gradcheck.samples.nn.Embedding} with its forward copied verbatim and its backward left
 * to each buggy variant: for token ids {@code n}, the output {@code n x dimension} holds row {@code
 * ids[r]} of the table {@code vocabulary x dimension}.
 */
public abstract class ZooEmbedding {

  /** Number of distinct tokens, the table's rows. */
  public final int vocabulary;

  /** Length of each vector, the table's columns. */
  public final int dimension;

  /** The table, {@code vocabulary x dimension}. */
  public final double[] table;

  /** Gradient of the table. */
  public final double[] dtable;

  /** The token ids of the last forward. */
  protected int[] ids;

  private double[] y = new double[0];

  /**
   * Creates a table of standard normal vectors, as {@code Embedding} does.
   *
   * @param vocabulary number of tokens
   * @param dimension length of each vector
   * @param random the source of the initial table
   */
  protected ZooEmbedding(int vocabulary, int dimension, Random random) {
    this.vocabulary = vocabulary;
    this.dimension = dimension;
    this.table = new double[vocabulary * dimension];
    for (int i = 0; i < table.length; i++) {
      table[i] = random.nextGaussian();
    }
    this.dtable = new double[table.length];
  }

  /**
   * Looks up the vectors of the given tokens.
   *
   * @param ids token ids in {@code [0, vocabulary)}; kept for the backward
   * @return output, {@code n x dimension}
   */
  public final double[] forward(int[] ids) {
    this.ids = ids;
    if (y.length != ids.length * dimension) {
      y = new double[ids.length * dimension];
    }
    for (int r = 0; r < ids.length; r++) {
      System.arraycopy(table, ids[r] * dimension, y, r * dimension, dimension);
    }
    return y;
  }

  /**
   * Backpropagates through the last forward into {@link #dtable}, with the variant's bug.
   *
   * @param dy gradient of the output, {@code n x dimension}
   */
  public abstract void backward(double[] dy);
}
