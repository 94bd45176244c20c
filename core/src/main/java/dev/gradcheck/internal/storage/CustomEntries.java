package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import dev.gradcheck.Storage;
import java.util.Arrays;
import java.util.List;

/** Entries of a user-implemented {@link Storage}. */
final class CustomEntries implements Entries {

  private final Storage storage;
  private final int[] shape;
  private final int size;

  CustomEntries(Storage storage, String what) {
    int[] declared = storage.shape();
    if (declared == null || declared.length == 0) {
      throw new IllegalArgumentException(what + " has no shape: Storage.shape() returned none");
    }
    for (int d : declared) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            what
                + " has shape "
                + Arrays.toString(declared)
                + "; every dimension must be positive");
      }
    }
    this.storage = storage;
    this.shape = declared.clone();
    this.size = MultiIndex.size(shape);
  }

  @Override
  public String kind() {
    return "Storage";
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
    return storage.get(index);
  }

  @Override
  public void set(int index, double value) {
    storage.set(index, value);
  }

  @Override
  public Precision precision() {
    return storage.precision();
  }

  @Override
  public Snapshot snapshot() {
    return new ValueSnapshot(this);
  }

  @Override
  public List<Region> regions() {
    return List.of(Region.whole(storage, size));
  }

  @Override
  public Object newZeroed() {
    throw new IllegalArgumentException(
        "a forward that returns a custom Storage is not supported; return an array, RealMatrix,"
            + " RealVector or buffer");
  }
}
