package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/** Entries of a commons-math3 {@link RealMatrix}, row-major. */
final class MatrixEntries implements Entries {

  private final RealMatrix matrix;
  private final int columns;

  MatrixEntries(RealMatrix matrix) {
    this.matrix = matrix;
    this.columns = matrix.getColumnDimension();
  }

  @Override
  public String kind() {
    return matrix.getClass().getSimpleName();
  }

  @Override
  public int[] shape() {
    return new int[] {matrix.getRowDimension(), columns};
  }

  @Override
  public int size() {
    return matrix.getRowDimension() * columns;
  }

  @Override
  public double get(int index) {
    return matrix.getEntry(index / columns, index % columns);
  }

  @Override
  public void set(int index, double value) {
    matrix.setEntry(index / columns, index % columns, value);
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
    regions.add(Region.whole(matrix, size()));
    if (matrix instanceof Array2DRowRealMatrix dense) {
      // The rows are the user's arrays too: declaring them separately must count as aliasing.
      for (double[] row : dense.getDataRef()) {
        regions.add(Region.whole(row, row.length));
      }
    }
    return regions;
  }

  @Override
  public Object newZeroed() {
    return matrix.createMatrix(matrix.getRowDimension(), columns);
  }
}
