package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Precision;
import dev.gradcheck.internal.storage.Entries;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A vector function of the declared parameters and the user's derivative of it, judged entry by
 * entry: a matrix with one row per output entry and one column per entry of the declared
 * parameters, in declaration order. The function is a forward's tensor output, or, for a Hessian,
 * the gradient (the user's loss and backward run at every point, or differences of the loss). The
 * matrix comes from a {@link DerivativeSource}: returned whole or in blocks, or built from the
 * user's products. The checked scalar is a seeded random weighting {@code <u, f>}, for the noise
 * probe and the contracts; every entry is judged against its own output entry's central
 * differences.
 *
 * <p>(Its length is the {@link Objective} contract for three kinds of matrix check, and the
 * accessors its {@link DerivativeSource}s read; the sources and the naming are classes of their
 * own.)
 */
public final class JacobianObjective extends Objective {

  private final CheckKind kind;
  private final OutputReader output;
  private final DerivativeSource source;
  private final EntryNaming naming;
  private final boolean fromLossAlone;
  private double[] matrix;
  private int[] offsets = {0};
  private List<Declared> parameters = List.of();
  private Precision derivativePrecision = Precision.DOUBLE;
  private SplittableRandom random;
  private double[] signs;

  private JacobianObjective(
      CheckKind kind,
      Supplier<?> function,
      String why,
      DerivativeSource source,
      EntryNaming naming,
      boolean fromLossAlone) {
    this.kind = kind;
    this.output = new OutputReader(function, why);
    this.source = source;
    this.naming = naming;
    this.fromLossAlone = fromLossAlone;
  }

  /** A forward's output and its Jacobian, returned whole or as one block per parameter. */
  public static JacobianObjective ofMatrix(Supplier<?> forward, List<Supplier<?>> jacobian) {
    return new JacobianObjective(
        CheckKind.JACOBIAN,
        forward,
        "its Jacobian has a row per output entry",
        new ReturnedMatrix("jacobian", jacobian),
        EntryNaming.OUTPUT,
        false);
  }

  /** A forward's output and the user's Jacobian-vector product {@code dx -> J·dx}. */
  public static JacobianObjective ofProducts(
      Supplier<?> forward, Function<double[], ?> jacobianVectorProduct) {
    return new JacobianObjective(
        CheckKind.JACOBIAN_VECTOR_PRODUCT,
        forward,
        "its Jacobian-vector product has an entry per output entry",
        new ColumnProducts("jacobianVectorProduct", jacobianVectorProduct),
        EntryNaming.OUTPUT,
        false);
  }

  /**
   * The gradient a loss and backward write to the declared parameters' gradient storage, and the
   * user's Hessian of the loss, returned whole or as products {@code v -> H·v}.
   *
   * @param hessian a {@code Supplier} of the matrix, or a {@code Function<double[], ?>} product
   */
  public static JacobianObjective ofHessian(
      DoubleSupplier loss, Runnable backward, List<Declared> gradients, Object hessian) {
    Supplier<Object> gradient =
        () -> {
          loss.getAsDouble();
          backward.run();
          return concatenated(gradients);
        };
    return new JacobianObjective(
        CheckKind.HESSIAN,
        gradient,
        "the gradient has one entry per parameter entry",
        hessianSource(hessian),
        EntryNaming.hessian(() -> gradients),
        false);
  }

  /**
   * A loss without backward and the user's Hessian of it, checked against differences of the loss's
   * own difference gradient ({@link NumericGradient}), computed at two inner steps: the output
   * holds both, the second half a companion of the first.
   *
   * @param hessian a {@code Supplier} of the matrix, or a {@code Function<double[], ?>} product
   */
  public static JacobianObjective ofLossHessian(DoubleSupplier loss, Object hessian) {
    JacobianObjective[] self = new JacobianObjective[1];
    self[0] =
        new JacobianObjective(
            CheckKind.HESSIAN,
            () -> NumericGradient.of(loss, self[0].parameters),
            "the gradient has one entry per parameter entry",
            hessianSource(hessian),
            EntryNaming.hessian(() -> self[0].parameters),
            true);
    return self[0];
  }

  @SuppressWarnings("unchecked") // the facade passes a Supplier or a Function<double[], ?>
  private static DerivativeSource hessianSource(Object hessian) {
    return hessian instanceof Supplier<?> s
        ? new ReturnedMatrix("hessian", List.of(s))
        : new ColumnProducts("hessianVectorProduct", (Function<double[], ?>) hessian);
  }

  /** The gradient entries of every declared parameter, in declaration order. */
  private static Object concatenated(List<Declared> gradients) {
    int total = gradients.stream().mapToInt(d -> d.gradient().size()).sum();
    boolean allFloat =
        gradients.stream().allMatch(d -> d.gradient().precision() == Precision.FLOAT);
    double[] values = new double[total];
    int k = 0;
    for (Declared d : gradients) {
      Entries g = d.gradient();
      for (int i = 0; i < g.size(); i++) {
        values[k++] = g.get(i);
      }
    }
    if (!allFloat) {
      return values;
    }
    float[] floats = new float[total];
    for (int i = 0; i < total; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }

  @Override
  public CheckKind kind() {
    return kind;
  }

  @Override
  protected double compute() {
    return output.read();
  }

  @Override
  protected void prepare(SplittableRandom random) {
    output.prepare(random);
    this.random = random;
  }

  @Override
  boolean perOutput() {
    return true;
  }

  @Override
  boolean secondDifferences() {
    return fromLossAlone;
  }

  @Override
  long evaluationCost() {
    return fromLossAlone ? NumericGradient.cost(parameters) : 1;
  }

  @Override
  int judgedOutputs(int outputs) {
    return fromLossAlone ? outputs / 2 : outputs;
  }

  @Override
  int companion(int row) {
    return fromLossAlone ? row + output.size() / 2 : -1;
  }

  @Override
  protected void runBackward() {
    if (signs == null) {
      signs = new double[columns()];
      for (int j = 0; j < signs.length; j++) {
        signs[j] = random.nextBoolean() ? 1 : -1;
      }
    }
    derivativePrecision = Precision.DOUBLE;
    matrix = source.matrix(this);
  }

  @Override
  void clearDerivatives(List<Declared> parameters) {
    this.parameters = parameters;
    offsets = new int[parameters.size() + 1];
    for (int p = 0; p < parameters.size(); p++) {
      offsets[p + 1] = offsets[p] + parameters.get(p).values().size();
    }
    matrix = null;
  }

  /**
   * The block of columns of parameter {@code p}: row {@code i}, entry {@code j} at {@code i·n + j}.
   */
  @Override
  double[] derivatives(List<Declared> parameters, int p) {
    int rows = rows();
    int columns = columns();
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
    return naming.entry(output.label(k / n), parameter.label(k % n), k / n);
  }

  @Override
  String derivativeNoun() {
    return kind == CheckKind.HESSIAN ? "Hessian entry" : "Jacobian entry";
  }

  @Override
  String backwardName() {
    return source.name();
  }

  @Override
  Precision derivativePrecision(Declared parameter) {
    return derivativePrecision;
  }

  @Override
  Optional<LinearMap> linearMap(List<Declared> parameters) {
    return source.linearMap(this);
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
    return naming.output(output.label(index), index);
  }

  @Override
  public ContractViolation nonFinite(double scalar, String where) {
    return output.nonFinite(scalar, where);
  }

  @Override
  public Precision precision() {
    return output.precision();
  }

  // What the sources read and write.

  /**
   * The rows of the matrix: one per output entry, or, from the loss alone, one per gradient entry
   * (the output holding the gradient at two inner steps).
   */
  int rows() {
    return fromLossAlone ? output.size() / 2 : output.size();
  }

  /** The columns: one per entry of the declared parameters. */
  int columns() {
    return offsets[offsets.length - 1];
  }

  /** The first column of parameter {@code p}; {@code offset(size)} is the number of columns. */
  int offset(int p) {
    return offsets[p];
  }

  List<Declared> parameters() {
    return parameters;
  }

  int[] outputShape() {
    return kind == CheckKind.HESSIAN ? null : output.shape();
  }

  /** The random sign of column {@code j}'s unit vector. */
  double sign(int j) {
    return signs[j];
  }

  Precision derivativePrecision() {
    return derivativePrecision;
  }

  void derivativePrecision(Precision precision) {
    this.derivativePrecision = precision;
  }

  /** The label of column {@code j}, a parameter entry such as {@code theta[2]}. */
  String columnLabel(int j) {
    for (int p = 0; p < parameters.size(); p++) {
      if (j < offsets[p + 1]) {
        return parameters.get(p).label(j - offsets[p]);
      }
    }
    return "entry " + j;
  }

  /** What a matrix (or block) of {@code rows × width} looks like, for messages. */
  String expected(int rows, int width) {
    String rowsAre =
        kind == CheckKind.HESSIAN
            ? "one per entry of the declared parameters"
            : "one per output entry, output of shape " + Arrays.toString(output.shape());
    return ("of %d rows (%s) by %d columns (one per parameter entry, in declaration order), as"
            + " double[][], RealMatrix or any storage of %d entries, row by row")
        .formatted(rows, rowsAre, width, (long) rows * width);
  }

  /** What a product looks like, for messages. */
  String expectedProduct() {
    String per =
        kind == CheckKind.HESSIAN
            ? "one entry per parameter entry (%d)".formatted(rows())
            : "one entry per output entry (%d, output of shape %s)"
                .formatted(rows(), Arrays.toString(output.shape()));
    return "%s, given a direction of %d entries (the declared parameters' entries, in declaration order)"
        .formatted(per, columns());
  }

  /** A matrix or product of the wrong type or shape: the user's mistake, named as such. */
  static final class InvalidJacobian extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidJacobian(String message) {
      super(message);
    }
  }
}
