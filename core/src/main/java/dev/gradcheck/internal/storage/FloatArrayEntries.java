package dev.gradcheck.internal.storage;

import dev.gradcheck.Precision;
import java.util.List;
import java.util.OptionalInt;

/** Entries of a {@code float} array of any rank. */
final class FloatArrayEntries implements Entries {

  private final ArrayLeaves<float[]> leaves;

  FloatArrayEntries(ArrayLeaves<float[]> leaves) {
    this.leaves = leaves;
  }

  @Override
  public String kind() {
    return "float" + "[]".repeat(leaves.shape.length);
  }

  @Override
  public int[] shape() {
    return leaves.shape.clone();
  }

  @Override
  public int size() {
    return leaves.size();
  }

  @Override
  public double get(int index) {
    return leaves.leaf(index)[leaves.offset(index)];
  }

  @Override
  public void set(int index, double value) {
    leaves.leaf(index)[leaves.offset(index)] = (float) value;
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT;
  }

  @Override
  public List<Region> regions() {
    return leaves.regions();
  }

  @Override
  public java.util.Optional<String> replacedRow() {
    return leaves.firstReplacedRow();
  }

  @Override
  public Object newZeroed() {
    return leaves.newZeroed(float.class);
  }

  @Override
  public Snapshot snapshot() {
    float[][] saved = new float[leaves.leaves.size()][];
    for (int i = 0; i < saved.length; i++) {
      saved[i] = leaves.leaves.get(i).clone();
    }
    return new Snapshot() {
      @Override
      public void restore() {
        for (int i = 0; i < saved.length; i++) {
          System.arraycopy(saved[i], 0, leaves.leaves.get(i), 0, saved[i].length);
        }
      }

      @Override
      public void restore(int index) {
        leaves.leaf(index)[leaves.offset(index)] =
            saved[index / leaves.leafLength][leaves.offset(index)];
      }

      @Override
      public double value(int index) {
        return saved[index / leaves.leafLength][leaves.offset(index)];
      }

      @Override
      public boolean differs(int index) {
        return Float.floatToRawIntBits(leaves.leaf(index)[leaves.offset(index)])
            != Float.floatToRawIntBits(saved[index / leaves.leafLength][leaves.offset(index)]);
      }

      @Override
      public OptionalInt firstDifference() {
        for (int i = 0; i < saved.length; i++) {
          float[] now = leaves.leaves.get(i);
          for (int j = 0; j < now.length; j++) {
            if (Float.floatToRawIntBits(now[j]) != Float.floatToRawIntBits(saved[i][j])) {
              return OptionalInt.of(i * leaves.leafLength + j);
            }
          }
        }
        return OptionalInt.empty();
      }
    };
  }
}
