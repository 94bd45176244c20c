package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import dev.gradcheck.Storage;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A uniform view over one of the storages gradcheck supports: a flat, row-major sequence of entries
 * with a shape, which can be read, written, snapshotted and restored bit for bit.
 */
public interface Entries {

  /** Returns a short description of the storage type, such as {@code double[][]}. */
  String kind();

  /** Returns the shape, outermost first. */
  int[] shape();

  /** Returns the number of entries. */
  int size();

  /** Reads an entry. */
  double get(int index);

  /** Writes an entry, rounding to the storage's precision. */
  void set(int index, double value);

  /** Returns the storage precision. */
  Precision precision();

  /** Takes a bit-exact copy of every entry. */
  Snapshot snapshot();

  /** Returns the memory regions this storage occupies, for alias detection. */
  List<Region> regions();

  /**
   * Returns the first row that user code replaced with a new array since declaration, for arrays of
   * rank two and more; empty otherwise.
   */
  default java.util.Optional<String> replacedRow() {
    return java.util.Optional.empty();
  }

  /**
   * Whether sharing memory with another storage cannot be told from {@link #regions()}: a direct
   * buffer. Such storages are probed by writing at declaration and restoring, which is exact for
   * buffers. (A custom {@link Storage} is compared by identity only: writing into it might not
   * restore exactly.)
   */
  default boolean opaque() {
    return false;
  }

  /** Creates a new storage of the same type and shape, filled with zeros. */
  Object newZeroed();

  /**
   * Views entries under another shape with the same number of entries, such as a flat {@code
   * double[]} holding a row-major matrix.
   *
   * @throws IllegalArgumentException naming {@code what} when the sizes differ
   */
  static Entries reshape(Entries entries, int[] shape, String what) {
    return new ReshapedEntries(entries, shape, what);
  }

  /**
   * Adapts a user object.
   *
   * @param storage the user's storage
   * @param what description for messages, such as {@code parameter 'W'}
   * @param name the name used in multi-indices, such as {@code W}
   * @throws IllegalArgumentException naming {@code what} when the storage is null, empty, ragged,
   *     read-only or of an unsupported type
   */
  static Entries of(Object storage, String what, String name) {
    if (storage == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    Entries entries;
    if (storage instanceof Storage custom) {
      entries = new CustomEntries(custom, what);
    } else if (storage instanceof RealMatrix matrix) {
      entries = new MatrixEntries(matrix);
    } else if (storage instanceof RealVector vector) {
      entries = new VectorEntries(vector);
    } else if (storage instanceof DoubleBuffer buffer) {
      entries = new DoubleBufferEntries(buffer, what);
    } else if (storage instanceof FloatBuffer buffer) {
      entries = new FloatBufferEntries(buffer, what);
    } else if (ArrayLeaves.isArrayOf(storage, double.class)) {
      entries = new DoubleArrayEntries(ArrayLeaves.collect(storage, double[].class, what, name));
    } else if (ArrayLeaves.isArrayOf(storage, float.class)) {
      entries = new FloatArrayEntries(ArrayLeaves.collect(storage, float[].class, what, name));
    } else {
      throw new IllegalArgumentException(
          what
              + " has unsupported type "
              + storage.getClass().getTypeName()
              + "; supported are double and float arrays of any rank, RealMatrix, RealVector,"
              + " DoubleBuffer, FloatBuffer and dev.gradcheck.Storage");
    }
    if (entries.size() == 0) {
      throw new IllegalArgumentException(
          what + " is empty (shape " + java.util.Arrays.toString(entries.shape()) + ")");
    }
    return entries;
  }
}
