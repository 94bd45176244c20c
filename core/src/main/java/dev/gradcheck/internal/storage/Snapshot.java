package dev.gradcheck.internal.storage;

import java.util.OptionalInt;

/**
 * The exact bits of a storage at one moment, able to put them back wholesale or one entry at a
 * time.
 */
public interface Snapshot {

  /** Writes every entry back, bit for bit. */
  void restore();

  /** Writes one entry back, bit for bit. */
  void restore(int index);

  /** Returns the value the entry had when the snapshot was taken. */
  double value(int index);

  /** Returns the first entry whose current bits differ from the snapshot, if any. */
  OptionalInt firstDifference();

  /** Returns whether the entry's current bits differ from the snapshot. */
  boolean differs(int index);
}
