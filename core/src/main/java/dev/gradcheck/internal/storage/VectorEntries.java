package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;

/** Entries of a commons-math3 {@link RealVector}. */
final class VectorEntries implements Entries {

  private final RealVector vector;

  VectorEntries(RealVector vector) {
    this.vector = vector;
  }

  @Override
  public String kind() {
    return vector.getClass().getSimpleName();
  }

  @Override
  public int[] shape() {
    return new int[] {vector.getDimension()};
  }

  @Override
  public int size() {
    return vector.getDimension();
  }

  @Override
  public double get(int index) {
    return vector.getEntry(index);
  }

  @Override
  public void set(int index, double value) {
    vector.setEntry(index, value);
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
    List<Region> regions = new ArrayList<>();
    regions.add(Region.whole(vector, size()));
    if (vector instanceof ArrayRealVector dense) {
      regions.add(Region.whole(dense.getDataRef(), size()));
    }
    return regions;
  }

  @Override
  public Object newZeroed() {
    RealVector zero = vector.copy();
    zero.set(0.0);
    return zero;
  }
}
