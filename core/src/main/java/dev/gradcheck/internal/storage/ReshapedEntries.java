package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import java.util.Arrays;
import java.util.List;

/** Another storage's entries under a declared shape with the same number of entries. */
final class ReshapedEntries implements Entries {

  private final Entries inner;
  private final int[] shape;

  ReshapedEntries(Entries inner, int[] shape, String what) {
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "%s is declared with shape %s; dimensions must be positive"
                .formatted(what, Arrays.toString(shape)));
      }
    }
    int size = MultiIndex.size(shape, "%s is declared with shape".formatted(what));
    if (size != inner.size()) {
      throw new IllegalArgumentException(
          "%s is declared with shape %s (%d entries) but holds %d entries"
              .formatted(what, Arrays.toString(shape), size, inner.size()));
    }
    this.inner = inner;
    this.shape = shape.clone();
  }

  @Override
  public String kind() {
    return inner.kind();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public int size() {
    return inner.size();
  }

  @Override
  public double get(int index) {
    return inner.get(index);
  }

  @Override
  public void set(int index, double value) {
    inner.set(index, value);
  }

  @Override
  public Precision precision() {
    return inner.precision();
  }

  @Override
  public Snapshot snapshot() {
    return inner.snapshot();
  }

  @Override
  public List<Region> regions() {
    return inner.regions();
  }

  @Override
  public java.util.Optional<String> replacedRow() {
    return inner.replacedRow();
  }

  @Override
  public boolean opaque() {
    return inner.opaque();
  }

  @Override
  public Object newZeroed() {
    return inner.newZeroed();
  }

  @Override
  public boolean runsUserCode() {
    return inner.runsUserCode();
  }

  @Override
  public boolean probedAtDeclaration() {
    return inner.probedAtDeclaration();
  }

  @Override
  public String call(boolean set, int index, double value) {
    return inner.call(set, index, value);
  }
}
