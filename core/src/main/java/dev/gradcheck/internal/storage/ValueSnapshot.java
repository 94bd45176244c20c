package dev.gradcheck.internal.storage;

import java.util.OptionalInt;
import java.util.function.IntToDoubleFunction;

/**
 * A snapshot taken through a storage's reads and restored through its writes, exact for storages
 * that hold {@code double} values.
 */
final class ValueSnapshot implements Snapshot {

  /** Writes one entry. */
  @FunctionalInterface
  interface Writer {
    void set(int index, double value);
  }

  private final IntToDoubleFunction read;
  private final Writer write;
  private final double[] saved;

  ValueSnapshot(Entries entries) {
    this(entries.size(), entries::get, entries::set);
  }

  ValueSnapshot(int size, IntToDoubleFunction read, Writer write) {
    this.read = read;
    this.write = write;
    this.saved = new double[size];
    for (int i = 0; i < saved.length; i++) {
      saved[i] = read.applyAsDouble(i);
    }
  }

  @Override
  public void restore() {
    for (int i = 0; i < saved.length; i++) {
      write.set(i, saved[i]);
    }
  }

  @Override
  public void restore(int index) {
    write.set(index, saved[index]);
  }

  @Override
  public double value(int index) {
    return saved[index];
  }

  @Override
  public boolean differs(int index) {
    return Double.doubleToRawLongBits(read.applyAsDouble(index))
        != Double.doubleToRawLongBits(saved[index]);
  }

  @Override
  public OptionalInt firstDifference() {
    for (int i = 0; i < saved.length; i++) {
      if (differs(i)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }
}
