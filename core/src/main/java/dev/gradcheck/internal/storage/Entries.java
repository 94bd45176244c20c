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
   * Whether reading or writing an entry runs the user's code (a {@link Storage}, or a {@code
   * RealMatrix} or {@code RealVector} of any class): such reads and writes may throw, and are
   * snapshotted through them.
   */
  default boolean runsUserCode() {
    return false;
  }

  /**
   * Whether every entry is written at declaration (the value read, then another, then the value
   * read) to find storage that cannot be perturbed: true for a {@code RealMatrix} or {@code
   * RealVector} of a class not known to accept every value everywhere. Never for a {@link Storage},
   * whose values gradcheck only sees through a {@code double}: writing back a float's signalling
   * NaN would quieten it.
   */
  default boolean probedAtDeclaration() {
    return false;
  }

  /**
   * Describes a read ({@code set} false) or write of an entry as the user's API spells it, such as
   * {@code set(3, 0.5)} or {@code setEntry(1, 0, 0.5)}.
   */
  default String call(boolean set, int index, double value) {
    return set ? "set(%d, %s)".formatted(index, value) : "get(%d)".formatted(index);
  }

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
   * Adapts a declared parameter's or gradient's storage, under its declared shape if it has one,
   * for the check: every read and write that runs the user's code is reported naming {@code what},
   * the call and the entry (as a {@link StorageFailure}); snapshots record which entries were
   * written, restore only those (and any the user's code changed), and a write of the value read
   * into an entry not yet written is skipped, so that an entry the check does not perturb is never
   * written.
   *
   * @param storage the user's storage
   * @param shape the declared shape, or null for the storage's own
   * @param what description for messages, such as {@code parameter 'W'}
   * @param name the name used in multi-indices, such as {@code W}
   * @throws IllegalArgumentException naming {@code what} when the storage cannot be used
   */
  static Entries declared(Object storage, int[] shape, String what, String name) {
    Entries entries = of(storage, what, name);
    if (shape != null) {
      entries = reshape(entries, shape, what);
    }
    String copy =
        storage instanceof RealMatrix
            ? "new Array2DRowRealMatrix(%s.getData())".formatted(name)
            : "new ArrayRealVector(%s)".formatted(name);
    return new GuardedEntries(entries, what, name, copy);
  }

  /**
   * Makes sure at declaration that the check will be able to read every entry of declared storage
   * and, if {@code parameter}, perturb and restore it: reads every entry that runs the user's code,
   * and for storage {@link #probedAtDeclaration() probed at declaration} writes every entry back
   * (and, for a parameter, a nearby value and back again), checking that it reads back bit for bit.
   * Anything a probe changed is restored.
   *
   * @param entries storage from {@link #declared}
   * @param parameter whether it is a parameter, which is perturbed, rather than a gradient
   * @throws IllegalArgumentException naming the entry, its value and what to do when it fails
   */
  static void verifyAccess(Entries entries, boolean parameter) {
    if (entries instanceof GuardedEntries guarded) {
      guarded.verifyAccess(parameter);
    }
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
      throw new IllegalArgumentException("%s is null".formatted(what));
    }
    Entries entries;
    if (storage instanceof Storage custom) {
      entries = new CustomEntries(custom, what);
    } else if (storage instanceof RealMatrix matrix) {
      entries = shapeOf(() -> new MatrixEntries(matrix, what), what, "RealMatrix");
    } else if (storage instanceof RealVector vector) {
      entries = shapeOf(() -> new VectorEntries(vector), what, "RealVector");
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
          ("%s has unsupported type %s; supported are double and float arrays of any rank,"
                  + " RealMatrix, RealVector, DoubleBuffer, FloatBuffer and dev.gradcheck.Storage")
              .formatted(what, storage.getClass().getTypeName()));
    }
    if (entries.size() == 0) {
      throw new IllegalArgumentException(
          "%s is empty (shape %s)".formatted(what, java.util.Arrays.toString(entries.shape())));
    }
    return entries;
  }

  /** Reads the dimensions of a matrix or vector, naming it when its own code throws. */
  private static Entries shapeOf(
      java.util.function.Supplier<Entries> adapter, String what, String type) {
    try {
      return adapter.get();
    } catch (IllegalArgumentException | VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalArgumentException(
          "%s is a %s whose dimensions cannot be read: it threw %s%s"
              .formatted(
                  what,
                  type,
                  e.getClass().getSimpleName(),
                  e.getMessage() == null ? "" : ": " + e.getMessage()),
          e);
    }
  }
}
