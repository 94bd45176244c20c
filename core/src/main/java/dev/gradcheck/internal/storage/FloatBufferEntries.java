package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.OptionalInt;

/** Entries of a {@link FloatBuffer}: its remaining elements, from position to limit. */
final class FloatBufferEntries implements Entries {

  private final FloatBuffer buffer;
  private final int start;
  private final int size;

  FloatBufferEntries(FloatBuffer buffer, String what) {
    if (buffer.isReadOnly()) {
      throw new IllegalArgumentException(what + " is a read-only FloatBuffer");
    }
    this.buffer = buffer;
    this.start = buffer.position();
    this.size = buffer.remaining();
  }

  @Override
  public String kind() {
    return "FloatBuffer";
  }

  @Override
  public int[] shape() {
    return new int[] {size};
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public double get(int index) {
    return buffer.get(start + index);
  }

  @Override
  public void set(int index, double value) {
    buffer.put(start + index, (float) value);
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT;
  }

  @Override
  public Snapshot snapshot() {
    // Saved as floats, never widened: a double round trip may quieten a signalling NaN.
    float[] saved = new float[size];
    buffer.get(start, saved);
    return new Snapshot() {
      @Override
      public void restore() {
        buffer.put(start, saved);
      }

      @Override
      public void restore(int index) {
        buffer.put(start + index, saved[index]);
      }

      @Override
      public double value(int index) {
        return saved[index];
      }

      @Override
      public boolean differs(int index) {
        return Float.floatToRawIntBits(buffer.get(start + index))
            != Float.floatToRawIntBits(saved[index]);
      }

      @Override
      public OptionalInt firstDifference() {
        for (int i = 0; i < size; i++) {
          if (Float.floatToRawIntBits(buffer.get(start + i)) != Float.floatToRawIntBits(saved[i])) {
            return OptionalInt.of(i);
          }
        }
        return OptionalInt.empty();
      }
    };
  }

  @Override
  public List<Region> regions() {
    if (buffer.hasArray()) {
      long from = (long) buffer.arrayOffset() + start;
      return List.of(new Region(buffer.array(), from, from + size));
    }
    return List.of(Region.whole(buffer, size));
  }

  @Override
  public boolean opaque() {
    return !buffer.hasArray();
  }

  @Override
  public Object newZeroed() {
    return FloatBuffer.allocate(size);
  }
}
