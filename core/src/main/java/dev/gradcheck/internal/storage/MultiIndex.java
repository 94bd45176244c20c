package dev.gradcheck.internal.storage;

import java.util.Arrays;

/** Formats flat row-major indices as multi-indices such as {@code W[2][0]}. */
public final class MultiIndex {

  private MultiIndex() {}

  /** Returns {@code name[i][j]...} for the flat index in the given shape. */
  public static String format(String name, int[] shape, int flat) {
    int[] index = new int[shape.length];
    int rest = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d] = rest % shape[d];
      rest /= shape[d];
    }
    StringBuilder out = new StringBuilder(name);
    for (int i : index) {
      out.append('[').append(i).append(']');
    }
    return out.toString();
  }

  /** Returns the number of entries of a shape, failing on overflow. */
  public static int size(int[] shape) {
    long size = 1;
    for (int d : shape) {
      size *= d;
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape %s is too large".formatted(Arrays.toString(shape)));
      }
    }
    return (int) size;
  }

  /**
   * Returns the number of entries of a shape, or throws naming the storage when it exceeds what an
   * {@code int} index reaches.
   *
   * @param shape the dimensions, each positive
   * @param described what has the shape, such as {@code parameter 'W' is declared with shape}
   */
  public static int size(int[] shape, String described) {
    long size = 1;
    boolean beyondLong = false;
    for (int d : shape) {
      try {
        size = Math.multiplyExact(size, (long) d);
      } catch (ArithmeticException e) {
        beyondLong = true;
        break;
      }
    }
    if (beyondLong || size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "%s %s, which has %s entries; at most %d are supported"
              .formatted(
                  described,
                  Arrays.toString(shape),
                  beyondLong ? "more than %d".formatted(Long.MAX_VALUE) : String.valueOf(size),
                  Integer.MAX_VALUE));
    }
    return (int) size;
  }
}
