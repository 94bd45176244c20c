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
 *
 * <p>What gradcheck calls, and when:
 *
 * <ul>
 *   <li>{@link #shape()} and {@link #precision()} once, and {@link #get} for every entry, when the
 *       parameter is declared: a shape that is empty, has a dimension below one or more than {@code
 *       Integer.MAX_VALUE} entries, a null precision, or any of these calls throwing is rejected
 *       there with an {@code IllegalArgumentException} naming the parameter (and the entry, for
 *       {@code get}). {@code set} is never called at declaration.
 *   <li>{@link #set} only for entries the check perturbs, and to restore exactly those, with the
 *       value {@code get} returned before the check. An entry the check does not move (a NaN, an
 *       infinity) is never written, so a float storage's signalling NaN, which a round trip through
 *       {@code double} would quieten, keeps its bits.
 *   <li>When {@code get} or {@code set} throws during the check, the check stops and restores every
 *       entry of every parameter that it can, each on its own; it then throws a {@link
 *       GradientCheckException} that names the parameter, the call and the entry, whose cause is
 *       the first exception the storage threw (later ones are suppressed), and which lists every
 *       entry that could not be restored, with the value it should hold.
 * </ul>
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
   * Read once, when the parameter is declared.
   *
   * @return the storage precision, never null
   */
  default Precision precision() {
    return Precision.DOUBLE;
  }
}
