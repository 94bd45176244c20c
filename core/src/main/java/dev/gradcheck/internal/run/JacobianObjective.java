package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Precision;
import dev.gradcheck.internal.storage.Entries;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A forward with tensor output and the user's Jacobian of it: a matrix with one row per output
 * entry and one column per entry of the declared parameters, in declaration order. The checked
 * scalar is a seeded random weighting {@code <u, output>}, for the noise probe and the contracts;
 * every entry of the Jacobian is judged against the output entry's own central differences.
 */
public final class JacobianObjective extends Objective {

  private final OutputReader output;
  private final Supplier<?> jacobian;
  private double[] matrix;
  private int columns;
  private int[] offsets;
  private Precision jacobianPrecision = Precision.DOUBLE;
  private int[] parameterShape = new int[0];

  /** Creates the objective from the user's forward and Jacobian. */
  public JacobianObjective(Supplier<?> forward, Supplier<?> jacobian) {
    this.output = new OutputReader(forward, "its Jacobian has a row per output entry");
    this.jacobian = jacobian;
  }

  @Override
  public CheckKind kind() {
    return CheckKind.JACOBIAN;
  }

  @Override
  protected double compute() {
    return output.read();
  }

  @Override
  protected void prepare(SplittableRandom random) {
    output.prepare(random);
  }

  @Override
  boolean perOutput() {
    return true;
  }

  @Override
  protected void runBackward() {
    Object returned = jacobian.get();
    if (returned == null) {
      throw new InvalidJacobian("the jacobian returned null; return the matrix " + expected());
    }
    Entries j;
    try {
      j = Entries.of(returned, "the Jacobian", "J");
    } catch (IllegalArgumentException e) {
      throw new InvalidJacobian(e.getMessage() + "; return the matrix " + expected());
    }
    int rows = output.size();
    if (!fits(j.shape(), rows)) {
      throw new InvalidJacobian(
          "the jacobian returned "
              + j.kind()
              + " of shape "
              + Arrays.toString(j.shape())
              + "; return the matrix "
              + expected());
    }
    jacobianPrecision = j.precision();
    double[] values = new double[j.size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = j.get(k);
    }
    matrix = values;
  }

  /**
   * Whether a Jacobian of this shape has a row per output entry and a column per parameter entry:
   * {@code [m][n]}, flat {@code [m·n]}, or, for one parameter, the output's shape followed by the
   * parameter's.
   */
  private boolean fits(int[] shape, int rows) {
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    if (size != (long) rows * columns) {
      return false;
    }
    if (shape.length == 1 || Arrays.equals(shape, new int[] {rows, columns})) {
      return true;
    }
    return offsets.length == 2 && Arrays.equals(shape, outputThenParameter());
  }

  private int[] outputThenParameter() {
    int[] out = output.shape();
    int[] par = parameterShape;
    int[] both = Arrays.copyOf(out, out.length + par.length);
    System.arraycopy(par, 0, both, out.length, par.length);
    return both;
  }

  private String expected() {
    return "of "
        + output.size()
        + " rows (one per output entry, output of shape "
        + Arrays.toString(output.shape())
        + ") by "
        + columns
        + " columns (one per entry of the declared parameters, in declaration order), as"
        + " double[][], RealMatrix or any storage of "
        + (long) output.size() * columns
        + " entries, row by row";
  }

  @Override
  void clearDerivatives(List<Declared> parameters) {
    offsets = new int[parameters.size() + 1];
    for (int p = 0; p < parameters.size(); p++) {
      offsets[p + 1] = offsets[p] + parameters.get(p).values().size();
    }
    columns = offsets[parameters.size()];
    parameterShape = parameters.size() == 1 ? parameters.get(0).values().shape() : new int[0];
    matrix = null;
  }

  /**
   * The block of columns of parameter {@code p}: output entry {@code i}, entry {@code j} at {@code
   * i·n + j}.
   */
  @Override
  double[] derivatives(List<Declared> parameters, int p) {
    int rows = output.size();
    int n = offsets[p + 1] - offsets[p];
    double[] block = new double[rows * n];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(matrix, i * columns + offsets[p], block, i * n, n);
    }
    return block;
  }

  @Override
  String derivativeLabel(Declared parameter, int k) {
    int n = parameter.values().size();
    return "∂" + output.label(k / n) + "/∂" + parameter.label(k % n);
  }

  @Override
  String derivativeNoun() {
    return "Jacobian entry";
  }

  @Override
  String backwardName() {
    return "jacobian";
  }

  @Override
  Precision derivativePrecision(Declared parameter) {
    return jacobianPrecision;
  }

  @Override
  double[] weights() {
    return output.weights();
  }

  @Override
  public double[] capture() {
    return output.capture();
  }

  @Override
  public String label(int index) {
    return output.label(index);
  }

  @Override
  public ContractViolation nonFinite(double scalar, String where) {
    return output.nonFinite(scalar, where);
  }

  @Override
  public Precision precision() {
    return output.precision();
  }

  /** A Jacobian of the wrong type or shape: the user's mistake, named as such. */
  static final class InvalidJacobian extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidJacobian(String message) {
      super(message);
    }
  }
}
