package dev.gradcheck;

import java.util.Random;

/**
 * Random test data of a given shape, drawn from a check's seeded generator so that a reported seed
 * reproduces the data along with the check.
 *
 * <pre>{@code
 * double[][] x = check.arrays().gaussian(4, 3);     // 4 x 3, standard normal
 * float[] b = check.arrays().uniformFloats(-1, 1, 3);
 * }</pre>
 */
public final class RandomArrays {

  private final Random random;

  RandomArrays(Random random) {
    this.random = random;
  }

  /**
   * Returns {@code n} standard normal values.
   *
   * @param n the length
   * @return a new array of {@code n} values
   * @throws IllegalArgumentException when a dimension is not positive
   */
  public double[] gaussian(int n) {
    double[] values = new double[positive(n)];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }

  /**
   * Returns a {@code rows x columns} matrix of standard normal values.
   *
   * @param rows the number of rows
   * @param columns the number of columns
   * @return a new {@code rows x columns} array
   * @throws IllegalArgumentException when a dimension is not positive
   */
  public double[][] gaussian(int rows, int columns) {
    double[][] values = new double[positive(rows)][];
    for (int r = 0; r < rows; r++) {
      values[r] = gaussian(columns);
    }
    return values;
  }

  /**
   * Returns an {@code a x b x c} tensor of standard normal values.
   *
   * @param a the outermost dimension
   * @param b the middle dimension
   * @param c the innermost dimension
   * @return a new {@code a x b x c} array
   * @throws IllegalArgumentException when a dimension is not positive
   */
  public double[][][] gaussian(int a, int b, int c) {
    double[][][] values = new double[positive(a)][][];
    for (int i = 0; i < a; i++) {
      values[i] = gaussian(b, c);
    }
    return values;
  }

  /**
   * Returns {@code n} values uniform in {@code [low, high)}.
   *
   * @param low the lower bound, inclusive
   * @param high the upper bound, exclusive
   * @param n the length
   * @return a new array of {@code n} values
   * @throws IllegalArgumentException when a dimension is not positive
   */
  public double[] uniform(double low, double high, int n) {
    double[] values = new double[positive(n)];
    for (int i = 0; i < n; i++) {
      values[i] = low + (high - low) * random.nextDouble();
    }
    return values;
  }

  /**
   * Returns a {@code rows x columns} matrix of values uniform in {@code [low, high)}.
   *
   * @param low the lower bound, inclusive
   * @param high the upper bound, exclusive
   * @param rows the number of rows
   * @param columns the number of columns
   * @return a new {@code rows x columns} array
   * @throws IllegalArgumentException when a dimension is not positive
   */
  public double[][] uniform(double low, double high, int rows, int columns) {
    double[][] values = new double[positive(rows)][];
    for (int r = 0; r < rows; r++) {
      values[r] = uniform(low, high, columns);
    }
    return values;
  }

  /**
   * Returns {@code n} standard normal values in float.
   *
   * @param n the length
   * @return a new array of {@code n} values
   * @throws IllegalArgumentException when a dimension is not positive
   */
  public float[] gaussianFloats(int n) {
    float[] values = new float[positive(n)];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  /**
   * Returns a {@code rows x columns} float matrix of standard normal values.
   *
   * @param rows the number of rows
   * @param columns the number of columns
   * @return a new {@code rows x columns} array
   * @throws IllegalArgumentException when a dimension is not positive
   */
  public float[][] gaussianFloats(int rows, int columns) {
    float[][] values = new float[positive(rows)][];
    for (int r = 0; r < rows; r++) {
      values[r] = gaussianFloats(columns);
    }
    return values;
  }

  /**
   * Returns {@code n} float values uniform in {@code [low, high)}.
   *
   * @param low the lower bound, inclusive
   * @param high the upper bound, exclusive
   * @param n the length
   * @return a new array of {@code n} values
   * @throws IllegalArgumentException when a dimension is not positive
   */
  public float[] uniformFloats(double low, double high, int n) {
    float[] values = new float[positive(n)];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (low + (high - low) * random.nextDouble());
    }
    return values;
  }

  /**
   * Returns {@code n} integers uniform in {@code [0, bound)}, such as class labels.
   *
   * @param bound the upper bound, exclusive
   * @param n the length
   * @return a new array of {@code n} values
   * @throws IllegalArgumentException when {@code bound} or {@code n} is not positive
   */
  public int[] integers(int bound, int n) {
    int[] values = new int[positive(n)];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextInt(bound);
    }
    return values;
  }

  private static int positive(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("a dimension must be positive, got %d".formatted(n));
    }
    return n;
  }
}
