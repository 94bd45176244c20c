package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;

/** Entries of a commons-math3 {@link RealVector}. */
final class VectorEntries implements Entries {

  private final RealVector vector;
  private final int size;

  VectorEntries(RealVector vector) {
    this.vector = vector;
    this.size = vector.getDimension();
  }

  /**
   * The simple name of a class, or of the nearest named superclass for an anonymous one (the view
   * of {@code RealVector.unmodifiableRealVector} is anonymous), or {@code fallback}.
   */
  static String className(Object object, String fallback) {
    for (Class<?> type = object.getClass(); type != null; type = type.getSuperclass()) {
      if (!type.getSimpleName().isEmpty()) {
        return type.getSimpleName();
      }
    }
    return fallback;
  }

  @Override
  public String kind() {
    return className(vector, "RealVector");
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
  public boolean runsUserCode() {
    return true;
  }

  /** The dense vector of commons-math3 itself takes any value in any entry. */
  @Override
  public boolean probedAtDeclaration() {
    return vector.getClass() != ArrayRealVector.class;
  }

  @Override
  public String call(boolean set, int index, double value) {
    return set ? "setEntry(" + index + ", " + value + ")" : "getEntry(" + index + ")";
  }

  @Override
  public Object newZeroed() {
    RealVector zero = vector.copy();
    zero.set(0.0);
    return zero;
  }
}
