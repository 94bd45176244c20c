package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/** Entries of a commons-math3 {@link RealMatrix}, row-major. */
final class MatrixEntries implements Entries {

  private final RealMatrix matrix;
  private final int rows;
  private final int columns;
  private final int size;

  MatrixEntries(RealMatrix matrix, String what) {
    this.matrix = matrix;
    this.rows = matrix.getRowDimension();
    this.columns = matrix.getColumnDimension();
    this.size = MultiIndex.size(new int[] {rows, columns}, what + " is a RealMatrix of shape");
  }

  @Override
  public String kind() {
    return VectorEntries.className(matrix, "RealMatrix");
  }

  @Override
  public int[] shape() {
    return new int[] {rows, columns};
  }

  @Override
  public int size() {
    return size;
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
  public boolean runsUserCode() {
    return true;
  }

  /** Dense matrices of commons-math3 itself take any value in any entry. */
  @Override
  public boolean probedAtDeclaration() {
    return matrix.getClass() != Array2DRowRealMatrix.class
        && matrix.getClass() != BlockRealMatrix.class;
  }

  @Override
  public String call(boolean set, int index, double value) {
    String at = (index / columns) + ", " + (index % columns);
    return set ? "setEntry(" + at + ", " + value + ")" : "getEntry(" + at + ")";
  }

  @Override
  public Object newZeroed() {
    return matrix.createMatrix(rows, columns);
  }
}
