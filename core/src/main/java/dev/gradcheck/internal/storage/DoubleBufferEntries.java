package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import java.nio.DoubleBuffer;
import java.util.List;

/** Entries of a {@link DoubleBuffer}: its remaining elements, from position to limit. */
final class DoubleBufferEntries implements Entries {

  private final DoubleBuffer buffer;
  private final int start;
  private final int size;

  DoubleBufferEntries(DoubleBuffer buffer, String what) {
    if (buffer.isReadOnly()) {
      throw new IllegalArgumentException(what + " is a read-only DoubleBuffer");
    }
    this.buffer = buffer;
    this.start = buffer.position();
    this.size = buffer.remaining();
  }

  @Override
  public String kind() {
    return "DoubleBuffer";
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
    buffer.put(start + index, value);
  }

  @Override
  public Precision precision() {
    return Precision.DOUBLE;
  }

  @Override
  public Snapshot snapshot() {
    return new ValueSnapshot(this);
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
    return DoubleBuffer.allocate(size);
  }
}
