package dev.gradcheck.samples.nn;

/** Shape checks of flat arrays, shared by the layers. */
final class Shapes {

  private Shapes() {}

  /** Returns the batch size of {@code x} with {@code features} per row, or throws. */
  static int rows(double[] x, int features, String what) {
    if (x.length == 0 || x.length % features != 0) {
      throw new IllegalArgumentException(
          what + " has " + x.length + " entries, not a positive multiple of " + features);
    }
    return x.length / features;
  }

  /** Float version of {@link #rows(double[], int, String)}. */
  static int rows(float[] x, int features, String what) {
    if (x.length == 0 || x.length % features != 0) {
      throw new IllegalArgumentException(
          what + " has " + x.length + " entries, not a positive multiple of " + features);
    }
    return x.length / features;
  }

  /** Throws unless {@code array} has exactly {@code length} entries. */
  static void requireLength(double[] array, int length, String what) {
    if (array.length != length) {
      throw new IllegalArgumentException(
          what + " has " + array.length + " entries, expected " + length);
    }
  }

  /** Float version of {@link #requireLength(double[], int, String)}. */
  static void requireLength(float[] array, int length, String what) {
    if (array.length != length) {
      throw new IllegalArgumentException(
          what + " has " + array.length + " entries, expected " + length);
    }
  }
}
