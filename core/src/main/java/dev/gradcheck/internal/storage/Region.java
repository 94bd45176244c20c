package dev.gradcheck.internal.storage;

/**
 * A contiguous range {@code [from, to)} of some storage object, compared by identity, used to find
 * two declarations that share memory.
 */
public record Region(Object base, long from, long to) {

  /** Returns whether both regions lie in the same object and intersect. */
  public boolean overlaps(Region other) {
    return base == other.base && from < other.to && other.from < to;
  }

  /** The region covering a whole object of the given length. */
  static Region whole(Object base, long length) {
    return new Region(base, 0, length);
  }
}
