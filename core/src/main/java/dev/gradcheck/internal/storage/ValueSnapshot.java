package dev.gradcheck.internal.storage;

import java.util.OptionalInt;

/**
 * A snapshot taken through {@link Entries#get} and restored through {@link Entries#set}, exact for
 * storages that hold {@code double} values.
 */
final class ValueSnapshot implements Snapshot {

  private final Entries entries;
  private final double[] saved;

  ValueSnapshot(Entries entries) {
    this.entries = entries;
    this.saved = new double[entries.size()];
    for (int i = 0; i < saved.length; i++) {
      saved[i] = entries.get(i);
    }
  }

  @Override
  public void restore() {
    for (int i = 0; i < saved.length; i++) {
      entries.set(i, saved[i]);
    }
  }

  @Override
  public void restore(int index) {
    entries.set(index, saved[index]);
  }

  @Override
  public double value(int index) {
    return saved[index];
  }

  @Override
  public OptionalInt firstDifference() {
    for (int i = 0; i < saved.length; i++) {
      if (Double.doubleToRawLongBits(entries.get(i)) != Double.doubleToRawLongBits(saved[i])) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }
}
