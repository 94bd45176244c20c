package dev.gradcheck.samples.nn;

import java.util.Arrays;
import java.util.Random;

/**
 * A lookup table of learned vectors: for token ids {@code n}, the output {@code n x dimension}
 * holds row {@code ids[r]} of the table {@code vocabulary x dimension}. The ids are integers and
 * have no gradient; the table's gradient adds up the rows of {@code dy} of every occurrence of a
 * token.
 */
public final class Embedding {

  /** Number of distinct tokens, the table's rows. */
  public final int vocabulary;

  /** Length of each vector, the table's columns. */
  public final int dimension;

  /** The table, {@code vocabulary x dimension}, standard normal at first. */
  public final double[] table;

  /** Gradient of the table; overwritten by {@link #backward}. */
  public final double[] dtable;

  private int[] ids;
  private double[] y = new double[0];

  /**
   * Creates a table of standard normal vectors.
   *
   * @param vocabulary number of tokens
   * @param dimension length of each vector
   * @param random the source of the initial table
   */
  public Embedding(int vocabulary, int dimension, Random random) {
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
   * @param ids token ids in {@code [0, vocabulary)}, {@code n}; kept for the backward
   * @return output, {@code n x dimension}; reused by the next forward of the same length
   */
  public double[] forward(int[] ids) {
    for (int id : ids) {
      if (id < 0 || id >= vocabulary) {
        throw new IllegalArgumentException("token id " + id + " outside [0, " + vocabulary + ")");
      }
    }
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
   * Backpropagates through the last forward into {@link #dtable}: zero for tokens that did not
   * occur, the sum of their rows of {@code dy} for those that did.
   *
   * @param dy gradient of the output, {@code n x dimension}
   */
  public void backward(double[] dy) {
    Shapes.requireLength(dy, ids.length * dimension, "dy");
    Arrays.fill(dtable, 0);
    for (int r = 0; r < ids.length; r++) {
      int row = ids[r] * dimension;
      for (int j = 0; j < dimension; j++) {
        dtable[row + j] += dy[r * dimension + j];
      }
    }
  }
}
