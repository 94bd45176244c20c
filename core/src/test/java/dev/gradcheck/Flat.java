package dev.gradcheck;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * The tests' own row-major view of every storage gradcheck supports, written independently of the
 * code under test so that a loss can read its parameters and a backward write its gradients
 * whatever their type.
 */
final class Flat {

  private Flat() {}

  /** Reads every entry, row-major; a buffer from its position to its limit. */
  static double[] read(Object storage) {
    List<Double> values = new ArrayList<>();
    collect(storage, values);
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Writes every entry, row-major, rounding to the storage's own precision. */
  static void write(Object storage, double[] values) {
    int written = put(storage, values, 0);
    if (written != values.length) {
      throw new IllegalArgumentException(written + " entries, " + values.length + " values");
    }
  }

  private static void collect(Object storage, List<Double> out) {
    if (storage instanceof double[] a) {
      for (double v : a) {
        out.add(v);
      }
    } else if (storage instanceof float[] a) {
      for (float v : a) {
        out.add((double) v);
      }
    } else if (storage instanceof Object[] rows) {
      for (Object row : rows) {
        collect(row, out);
      }
    } else if (storage instanceof RealMatrix m) {
      for (int r = 0; r < m.getRowDimension(); r++) {
        for (int c = 0; c < m.getColumnDimension(); c++) {
          out.add(m.getEntry(r, c));
        }
      }
    } else if (storage instanceof RealVector v) {
      for (int i = 0; i < v.getDimension(); i++) {
        out.add(v.getEntry(i));
      }
    } else if (storage instanceof DoubleBuffer b) {
      for (int i = b.position(); i < b.limit(); i++) {
        out.add(b.get(i));
      }
    } else if (storage instanceof FloatBuffer b) {
      for (int i = b.position(); i < b.limit(); i++) {
        out.add((double) b.get(i));
      }
    } else if (storage instanceof Storage s) {
      int size = 1;
      for (int d : s.shape()) {
        size *= d;
      }
      for (int i = 0; i < size; i++) {
        out.add(s.get(i));
      }
    } else {
      throw new IllegalArgumentException("not a storage: " + storage);
    }
  }

  private static int put(Object storage, double[] values, int from) {
    if (storage instanceof double[] a) {
      System.arraycopy(values, from, a, 0, a.length);
      return from + a.length;
    } else if (storage instanceof float[] a) {
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) values[from + i];
      }
      return from + a.length;
    } else if (storage instanceof Object[] rows) {
      int at = from;
      for (Object row : rows) {
        at = put(row, values, at);
      }
      return at;
    } else if (storage instanceof RealMatrix m) {
      int at = from;
      for (int r = 0; r < m.getRowDimension(); r++) {
        for (int c = 0; c < m.getColumnDimension(); c++) {
          m.setEntry(r, c, values[at++]);
        }
      }
      return at;
    } else if (storage instanceof RealVector v) {
      for (int i = 0; i < v.getDimension(); i++) {
        v.setEntry(i, values[from + i]);
      }
      return from + v.getDimension();
    } else if (storage instanceof DoubleBuffer b) {
      for (int i = b.position(); i < b.limit(); i++) {
        b.put(i, values[from + i - b.position()]);
      }
      return from + b.remaining();
    } else if (storage instanceof FloatBuffer b) {
      for (int i = b.position(); i < b.limit(); i++) {
        b.put(i, (float) values[from + i - b.position()]);
      }
      return from + b.remaining();
    } else if (storage instanceof Storage s) {
      int size = read(s).length;
      for (int i = 0; i < size; i++) {
        s.set(i, values[from + i]);
      }
      return from + size;
    }
    throw new IllegalArgumentException("not a storage: " + storage);
  }
}
