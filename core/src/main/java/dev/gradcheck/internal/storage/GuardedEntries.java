package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A declared parameter's or gradient's storage as the check uses it (see {@link Entries#declared}):
 * what runs the user's code is reported naming the entry, and the newest snapshot records which
 * entries were written, so that restoring writes those and nothing else.
 *
 * <p>(Its length is one wrapper method per {@link Entries} operation, each naming what failed: one
 * concept, many small methods.)
 */
final class GuardedEntries implements Entries {

  private final Entries raw;
  private final String what;
  private final String name;
  private final int[] shape;
  private final int size;
  private final String kind;
  private final Precision precision;
  private final boolean userCode;
  private final String copy;
  private final List<StorageFailure> failures = new ArrayList<>();

  /** The newest snapshot, which the writes mark; null before the first. */
  private Tracked tracked;

  /**
   * @param copy how to make modifiable storage of the same values, for messages, such as {@code new
   *     ArrayRealVector(w)}
   */
  GuardedEntries(Entries raw, String what, String name, String copy) {
    this.raw = raw;
    this.copy = copy;
    this.what = what;
    this.name = name;
    this.shape = raw.shape();
    this.size = raw.size();
    this.kind = raw.kind();
    this.precision = raw.precision();
    this.userCode = raw.runsUserCode();
  }

  private String label(int index) {
    return MultiIndex.format(name, shape, index);
  }

  /** Reads an entry, reporting a failure of the user's storage as a {@link StorageFailure}. */
  private double read(int index) {
    if (!userCode) {
      return raw.get(index);
    }
    try {
      return raw.get(index);
    } catch (VirtualMachineError | CheckAborted e) {
      throw e;
    } catch (Throwable e) {
      throw failure(false, index, Double.NaN, e);
    }
  }

  /** Writes an entry, unmarked, reporting a failure of the user's storage. */
  private void write(int index, double value) {
    if (!userCode) {
      raw.set(index, value);
      return;
    }
    try {
      raw.set(index, value);
    } catch (VirtualMachineError | CheckAborted e) {
      throw e;
    } catch (Throwable e) {
      throw failure(true, index, value, e);
    }
  }

  private StorageFailure failure(boolean set, int index, double value, Throwable cause) {
    StorageFailure f =
        new StorageFailure(what, kind, raw.call(set, index, value), label(index), cause);
    failures.add(f);
    return f;
  }

  /** Every failure of the user's storage so far, oldest first. */
  List<StorageFailure> failures() {
    return failures;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public double get(int index) {
    return read(index);
  }

  /**
   * Writes an entry and marks it written. Writing the value read into an entry that has not been
   * written since the snapshot, and still holds it, is skipped: it could only lose bits (a float
   * storage seen through {@code double} holds signalling NaNs the value read no longer has).
   */
  @Override
  public void set(int index, double value) {
    Tracked t = tracked;
    if (t != null) {
      if (!t.written.get(index)
          && Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(t.inner.value(index))
          && !t.inner.differs(index)) {
        return;
      }
      t.written.set(index);
    }
    write(index, value);
  }

  @Override
  public Precision precision() {
    return precision;
  }

  @Override
  public Snapshot snapshot() {
    Snapshot inner = userCode ? new ValueSnapshot(size, this::read, this::write) : raw.snapshot();
    tracked = new Tracked(inner);
    return tracked;
  }

  @Override
  public List<Region> regions() {
    return raw.regions();
  }

  @Override
  public Optional<String> replacedRow() {
    return raw.replacedRow();
  }

  @Override
  public boolean opaque() {
    return raw.opaque();
  }

  @Override
  public Object newZeroed() {
    return raw.newZeroed();
  }

  @Override
  public boolean runsUserCode() {
    return userCode;
  }

  @Override
  public boolean probedAtDeclaration() {
    return raw.probedAtDeclaration();
  }

  @Override
  public String call(boolean set, int index, double value) {
    return raw.call(set, index, value);
  }

  /** See {@link Entries#verifyAccess}. */
  void verifyAccess(boolean parameter) {
    if (!userCode) {
      return;
    }
    ValueSnapshot saved;
    try {
      saved = new ValueSnapshot(size, this::read, this::write);
    } catch (StorageFailure e) {
      throw new IllegalArgumentException(
          e.getMessage() + "; every entry must be readable when the check is declared",
          e.getCause());
    }
    if (!raw.probedAtDeclaration()) {
      return;
    }
    int index = 0;
    double value = Double.NaN;
    try {
      for (index = 0; index < size; index++) {
        value = saved.value(index);
        write(index, value);
        if (saved.differs(index)) {
          throw notKept(saved, index, "written back");
        }
        if (parameter && Double.isFinite(value)) {
          write(index, nearby(value));
          write(index, value);
          if (saved.differs(index)) {
            throw notKept(saved, index, "moved and written back");
          }
        }
      }
    } catch (StorageFailure e) {
      restoreQuietly(saved);
      throw new IllegalArgumentException(
          "%s%s whose entry %s (%s) cannot be set: %s threw %s%s. %s"
              .formatted(
                  what,
                  article(),
                  label(index),
                  value,
                  e.call(),
                  e.getCause().getClass().getSimpleName(),
                  e.getCause().getMessage() == null ? "" : ": " + e.getCause().getMessage(),
                  advice(parameter)),
          e.getCause());
    }
    OptionalInt changed = saved.firstDifference();
    if (changed.isPresent()) {
      throw notKept(saved, changed.getAsInt(), "written");
    }
  }

  /** {@code " is a DiagonalMatrix"}, {@code " is an ArrayRealVector"}. */
  private String article() {
    return ("AEIOU".indexOf(kind.charAt(0)) >= 0 ? " is an " : " is a ") + kind;
  }

  /** A value near {@code x}, moved towards zero so that it stays finite. */
  private static double nearby(double x) {
    double move = Math.max(1, Math.abs(x)) * 0x1p-10;
    return x > 0 ? x - move : x + move;
  }

  private IllegalArgumentException notKept(ValueSnapshot saved, int index, String how) {
    double now = raw.get(index); // just read without failing
    restoreQuietly(saved);
    boolean restored = !saved.differs(index);
    return new IllegalArgumentException(
        ("%s%s that does not keep the values it is given: %s was %s and reads %s once %s%s;"
                + " gradcheck perturbs entries in place and restores them bit for bit, which"
                + " needs storage that stores exactly what it is given")
            .formatted(
                what,
                article(),
                label(index),
                saved.value(index),
                now,
                how,
                restored
                    ? " (restored)"
                    : " (and could not be restored: writing it back changes it)"));
  }

  private String advice(boolean parameter) {
    return parameter
        ? ("The check perturbs every entry of a parameter in place: declare storage whose every"
                + " entry can be set, such as the modifiable one the model reads, or %s if the"
                + " model reads that copy")
            .formatted(copy)
        : ("The check zeroes the gradient and the backward writes into it: declare storage whose"
                + " every entry can be set, such as %s")
            .formatted(copy);
  }

  private void restoreQuietly(ValueSnapshot saved) {
    for (int i = 0; i < size; i++) {
      try {
        if (saved.differs(i)) {
          saved.restore(i);
        }
      } catch (StorageFailure ignored) {
        // Reported by the caller; the rest is restored all the same.
      }
    }
  }

  /**
   * A snapshot that knows which entries were written since it was taken: restoring writes those,
   * and any entry the user's code changed, and leaves every other entry alone. Restoring every
   * entry goes on past a failing one, then reports all that could not be restored.
   */
  private final class Tracked implements Snapshot {

    final Snapshot inner;
    final BitSet written = new BitSet();

    Tracked(Snapshot inner) {
      this.inner = inner;
    }

    @Override
    public void restore() {
      List<Integer> lost = new ArrayList<>();
      List<StorageFailure> why = new ArrayList<>();
      VirtualMachineError fatal = null;
      for (int i = 0; i < size; i++) {
        boolean differs = written.get(i);
        try {
          differs = differs || inner.differs(i);
        } catch (StorageFailure e) {
          // Not written by the check, and unreadable: nothing to restore that the check knows of.
          continue;
        }
        try {
          if (differs) {
            inner.restore(i);
            written.clear(i);
          }
        } catch (StorageFailure e) {
          lost.add(i);
          why.add(e);
        } catch (VirtualMachineError e) {
          lost.add(i);
          fatal = fatal == null ? e : fatal;
        }
      }
      if (fatal != null) {
        throw fatal;
      }
      if (!lost.isEmpty()) {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i : lost) {
          labels.add(label(i));
          values.add(inner.value(i));
        }
        throw new NotRestored(what, labels, values, why);
      }
    }

    @Override
    public void restore(int index) {
      if (written.get(index) || inner.differs(index)) {
        inner.restore(index);
        written.clear(index);
      }
    }

    @Override
    public double value(int index) {
      return inner.value(index);
    }

    @Override
    public boolean differs(int index) {
      return inner.differs(index);
    }

    @Override
    public OptionalInt firstDifference() {
      return inner.firstDifference();
    }

    GuardedEntries owner() {
      return GuardedEntries.this;
    }
  }

  /** The storage behind a snapshot this class took, or null for another snapshot. */
  static GuardedEntries ownerOf(Snapshot snapshot) {
    return snapshot instanceof Tracked t ? t.owner() : null;
  }
}
