package dev.gradcheck.internal.run;

import dev.gradcheck.Precision;
import dev.gradcheck.internal.storage.Entries;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The derivatives as the user's code returns them: one matrix over every declared parameter's
 * entries, or one block per parameter, in declaration order. A matrix or block is accepted as
 * {@code [rows][columns]}, flat ({@code rows · columns} entries, row by row), or the output's shape
 * followed by its parameter's.
 *
 * @param name the user's method, as messages name it
 * @param suppliers the whole matrix, or one block per declared parameter
 */
record ReturnedMatrix(String name, List<Supplier<?>> suppliers) implements DerivativeSource {

  ReturnedMatrix {
    suppliers = List.copyOf(suppliers);
  }

  @Override
  public double[] matrix(JacobianObjective o) {
    int rows = o.rows();
    int columns = o.columns();
    boolean blocks = suppliers.size() > 1;
    if (blocks && suppliers.size() != o.parameters().size()) {
      throw new JacobianObjective.InvalidJacobian(
          ("%s(...) was given %d blocks for %d declared parameters: give one matrix over all of"
                  + " them, or one block per parameter, in declaration order")
              .formatted(name, suppliers.size(), o.parameters().size()));
    }
    double[] values = new double[rows * columns];
    Precision precision = Precision.DOUBLE;
    for (int b = 0; b < suppliers.size(); b++) {
      int from = blocks ? o.offset(b) : 0;
      int width = blocks ? o.offset(b + 1) - from : columns;
      int[] parameterShape =
          blocks
              ? o.parameters().get(b).values().shape()
              : o.parameters().size() == 1 ? o.parameters().get(0).values().shape() : null;
      String what =
          blocks ? "the block of '%s'".formatted(o.parameters().get(b).name()) : "the matrix";
      Entries j = read(suppliers.get(b), what, rows, width, parameterShape, o);
      precision = precision.coarser(j.precision());
      for (int i = 0; i < rows; i++) {
        for (int k = 0; k < width; k++) {
          values[i * columns + from + k] = j.get(i * width + k);
        }
      }
    }
    o.derivativePrecision(precision);
    return values;
  }

  private Entries read(
      Supplier<?> supplier,
      String what,
      int rows,
      int width,
      int[] parameterShape,
      JacobianObjective o) {
    String expected = "%s %s".formatted(what, o.expected(rows, width));
    Object returned = supplier.get();
    if (returned == null) {
      throw new JacobianObjective.InvalidJacobian(
          "the %s returned null; return %s".formatted(name, expected));
    }
    Entries j;
    try {
      j = Entries.of(returned, "the matrix the %s returned".formatted(name), "J");
    } catch (IllegalArgumentException e) {
      throw new JacobianObjective.InvalidJacobian(
          "%s; return %s".formatted(e.getMessage(), expected));
    }
    if (!fits(j.shape(), rows, width, o.outputShape(), parameterShape)) {
      throw new JacobianObjective.InvalidJacobian(
          "the %s returned %s of shape %s%s%s; return %s"
              .formatted(
                  name,
                  j.kind(),
                  Arrays.toString(j.shape()),
                  blocks() ? " for %s".formatted(what) : "",
                  rows != width && Arrays.equals(j.shape(), new int[] {width, rows})
                      ? ", which looks transposed"
                      : "",
                  expected));
    }
    return j;
  }

  private boolean blocks() {
    return suppliers.size() > 1;
  }

  /**
   * Whether a shape has {@code rows} rows and {@code width} columns in one of the accepted forms.
   */
  private static boolean fits(
      int[] shape, int rows, int width, int[] outputShape, int[] parameterShape) {
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    if (size != (long) rows * width) {
      return false;
    }
    if (shape.length == 1 || Arrays.equals(shape, new int[] {rows, width})) {
      return true;
    }
    if (parameterShape == null || outputShape == null) {
      return false;
    }
    int[] both = Arrays.copyOf(outputShape, outputShape.length + parameterShape.length);
    System.arraycopy(parameterShape, 0, both, outputShape.length, parameterShape.length);
    return Arrays.equals(shape, both);
  }
}
