package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import dev.gradcheck.Storage;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Entries of a user-implemented {@link Storage}. */
final class CustomEntries implements Entries {

  private final Storage storage;
  private final int[] shape;
  private final int size;
  private final Precision precision;

  CustomEntries(Storage storage, String what) {
    int[] declared = ask(storage::shape, what, "shape()");
    if (declared == null || declared.length == 0) {
      throw new IllegalArgumentException(
          "%s has no shape: Storage.shape() returned none".formatted(what));
    }
    for (int d : declared) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "%s has shape %s; every dimension must be positive"
                .formatted(what, Arrays.toString(declared)));
      }
    }
    this.shape = declared.clone();
    this.size = MultiIndex.size(shape, "%s has shape".formatted(what));
    this.precision = ask(storage::precision, what, "precision()");
    if (precision == null) {
      throw new IllegalArgumentException(
          ("%s is a Storage whose precision() returned null; return Precision.DOUBLE or"
                  + " Precision.FLOAT (or do not override it: the default is DOUBLE)")
              .formatted(what));
    }
    this.storage = storage;
  }

  /** Calls the user's storage at declaration, naming it when it throws. */
  private static <T> T ask(Supplier<T> call, String what, String method) {
    try {
      return call.get();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalArgumentException(
          "%s is a Storage whose %s threw %s%s"
              .formatted(
                  what,
                  method,
                  e.getClass().getSimpleName(),
                  e.getMessage() == null ? "" : ": " + e.getMessage()),
          e);
    }
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
    return precision;
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
  public boolean runsUserCode() {
    return true;
  }

  @Override
  public Object newZeroed() {
    throw new IllegalArgumentException(
        "a forward that returns a custom Storage is not supported; return an array, RealMatrix,"
            + " RealVector or buffer");
  }
}
