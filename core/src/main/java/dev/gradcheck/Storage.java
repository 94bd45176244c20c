package dev.gradcheck;

/**
 * Parameter or gradient storage that gradcheck does not know natively, seen as a flat sequence of
 * numbers with a shape.
 *
 * <p>gradcheck reads and perturbs {@code double} and {@code float} arrays of any rank,
 * commons-math3 {@code RealMatrix} and {@code RealVector}, and {@code DoubleBuffer} and {@code
 * FloatBuffer} directly. For anything else, implement this interface over your own storage and
 * declare it like an array:
 *
 * <pre>{@code
 * Storage weights = new Storage() {
 *   public int[] shape() { return new int[] {tensor.rows(), tensor.cols()}; }
 *   public double get(int i) { return tensor.data()[i]; }
 *   public void set(int i, double v) { tensor.data()[i] = v; }
 * };
 * check.param("W", weights, gradientStorage);
 * }</pre>
 *
 * <p>Indices are flat and row-major over {@link #shape()}: entry {@code [r][c]} of a {@code rows x
 * cols} shape is index {@code r * cols + c}. gradcheck restores every entry it perturbs by writing
 * back the value it read, so the storage should return exactly what was set.
 */
public interface Storage {

  /**
   * Returns the shape, outermost dimension first; every dimension is positive.
   *
   * @return the shape, for example {@code {3, 2}} for a 3 x 2 matrix
   */
  int[] shape();

  /**
   * Reads one entry.
   *
   * @param index flat row-major index, {@code 0 <= index < product(shape())}
   * @return the entry's value
   */
  double get(int index);

  /**
   * Writes one entry.
   *
   * @param index flat row-major index
   * @param value the new value, rounded by the storage to its own precision
   */
  void set(int index, double value);

  /**
   * Returns the precision the values are stored in; {@link Precision#DOUBLE} unless overridden.
   *
   * @return the storage precision
   */
  default Precision precision() {
    return Precision.DOUBLE;
  }
}
