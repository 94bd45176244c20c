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
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
      }
    }
    return (int) size;
  }
}
