package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Precision;
import dev.gradcheck.internal.storage.Entries;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A vector function of the declared parameters and the user's derivative of it, judged entry by
 * entry: a matrix with one row per output entry and one column per entry of the declared
 * parameters, in declaration order. The function is a forward's tensor output, or, for a Hessian,
 * the user's own gradient (loss and backward run at every point). The matrix is returned whole, or
 * built column by column from the user's products with it ({@code J·dx}, {@code H·v}) along unit
 * vectors of random sign. The checked scalar is a seeded random weighting {@code <u, f>}, for the
 * noise probe and the contracts; every entry is judged against its own output entry's central
 * differences.
 */
public final class JacobianObjective extends Objective {

  private final CheckKind kind;
  private final OutputReader output;
  private final Source source;
  private final Naming naming;
  private double[] matrix;
  private int columns;
  private int[] offsets;
  private List<Declared> parameters = List.of();
  private Precision derivativePrecision = Precision.DOUBLE;
  private SplittableRandom random;
  private double[] signs;

  private JacobianObjective(
      CheckKind kind, Supplier<?> function, String why, Source source, Naming naming) {
    this.kind = kind;
    this.output = new OutputReader(function, why);
    this.source = source;
    this.naming = naming;
  }

  /** A forward's output and its Jacobian, returned whole. */
  public static JacobianObjective ofMatrix(Supplier<?> forward, Supplier<?> jacobian) {
    return new JacobianObjective(
        CheckKind.JACOBIAN,
        forward,
        "its Jacobian has a row per output entry",
        new Matrix("jacobian", jacobian),
        Naming.OUTPUT);
  }

  /** A forward's output and the user's Jacobian-vector product {@code dx -> J·dx}. */
  public static JacobianObjective ofProducts(
      Supplier<?> forward, Function<double[], ?> jacobianVectorProduct) {
    return new JacobianObjective(
        CheckKind.JACOBIAN_VECTOR_PRODUCT,
        forward,
        "its Jacobian-vector product has an entry per output entry",
        new Products("jacobianVectorProduct", jacobianVectorProduct),
        Naming.OUTPUT);
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
        Naming.hessian(() -> gradients));
  }

  /**
   * A loss without backward and the user's Hessian of it, checked against differences of the loss's
   * own central-difference gradient ({@link NumericGradient}): coarser than against a backward's
   * gradient, and {@code 2n} loss evaluations per evaluation of the gradient.
   *
   * @param hessian a {@code Supplier} of the matrix, or a {@code Function<double[], ?>} product
   */
  public static JacobianObjective ofLossHessian(DoubleSupplier loss, Object hessian) {
    JacobianObjective[] self = new JacobianObjective[1];
    Supplier<Object> gradient = () -> NumericGradient.of(loss, self[0].parameters);
    self[0] =
        new JacobianObjective(
            CheckKind.HESSIAN,
            gradient,
            "the gradient has one entry per parameter entry",
            hessianSource(hessian),
            Naming.hessian(() -> self[0].parameters));
    self[0].fromLossAlone = true;
    return self[0];
  }

  private static Source hessianSource(Object hessian) {
    return hessian instanceof Supplier<?> s
        ? new Matrix("hessian", s)
        : new Products("hessianVectorProduct", castProduct(hessian));
  }

  private boolean fromLossAlone;

  /** Whether the Hessian is checked against differences of a central-difference gradient. */
  public boolean fromLossAlone() {
    return fromLossAlone;
  }

  @Override
  boolean secondDifferences() {
    return fromLossAlone;
  }

  /**
   * The rows of the matrix: one per output entry, or, from the loss alone, one per gradient entry
   * (the output then holds the gradient at two inner steps, the second half a companion of the
   * first).
   */
  int rows() {
    return fromLossAlone ? output.size() / 2 : output.size();
  }

  @Override
  int judgedOutputs(int outputs) {
    return fromLossAlone ? outputs / 2 : outputs;
  }

  @Override
  int companion(int output) {
    return fromLossAlone ? output + this.output.size() / 2 : -1;
  }

  @Override
  long evaluationCost() {
    return fromLossAlone ? NumericGradient.cost(parameters) : 1;
  }

  @SuppressWarnings("unchecked") // the facade passes a Function<double[], ?>
  private static Function<double[], ?> castProduct(Object product) {
    return (Function<double[], ?>) product;
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
  protected void runBackward() {
    if (signs == null) {
      signs = new double[columns];
      for (int j = 0; j < columns; j++) {
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
    columns = offsets[parameters.size()];
    matrix = null;
  }

  /**
   * The block of columns of parameter {@code p}: output entry {@code i}, entry {@code j} at {@code
   * i·n + j}.
   */
  @Override
  double[] derivatives(List<Declared> parameters, int p) {
    int rows = rows();
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

  /** Where the user's derivatives come from. */
  private interface Source {
    /** Calls the user's code and returns the matrix, rows × columns, row by row. */
    double[] matrix(JacobianObjective objective);

    /** The user's method, as messages name it. */
    String name();
  }

  /** The matrix, returned whole. */
  private record Matrix(String name, Supplier<?> supplier) implements Source {
    @Override
    public double[] matrix(JacobianObjective o) {
      Object returned = supplier.get();
      if (returned == null) {
        throw new InvalidJacobian(
            "the " + name + " returned null; return the matrix " + o.expected());
      }
      Entries j;
      try {
        j = Entries.of(returned, "the matrix the " + name + " returned", "J");
      } catch (IllegalArgumentException e) {
        throw new InvalidJacobian(e.getMessage() + "; return the matrix " + o.expected());
      }
      if (!o.fits(j.shape())) {
        throw new InvalidJacobian(
            "the "
                + name
                + " returned "
                + j.kind()
                + " of shape "
                + Arrays.toString(j.shape())
                + "; return the matrix "
                + o.expected());
      }
      o.derivativePrecision = j.precision();
      double[] values = new double[j.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = j.get(k);
      }
      return values;
    }
  }

  /**
   * The matrix, column by column: the user's product with {@code s_j e_j}, divided by {@code s_j},
   * for a random sign {@code s_j} per column (a product that uses {@code |dx|} fails).
   */
  private record Products(String name, Function<double[], ?> product) implements Source {
    @Override
    public double[] matrix(JacobianObjective o) {
      int rows = o.rows();
      double[] values = new double[rows * o.columns];
      for (int j = 0; j < o.columns; j++) {
        double[] direction = new double[o.columns];
        direction[j] = o.signs[j];
        double[] column = call(o, direction, o.unitVector(j));
        for (int i = 0; i < rows; i++) {
          values[i * o.columns + j] = column[i] / o.signs[j];
        }
      }
      return values;
    }

    /** The user's product with one direction, checked for its size, flat. */
    double[] call(JacobianObjective o, double[] direction, String along) {
      int rows = o.rows();
      Object returned = product.apply(direction.clone());
      if (returned == null) {
        throw new InvalidJacobian(
            "the " + name + " returned null for " + along + "; return " + o.product());
      }
      Entries r;
      try {
        r = Entries.of(returned, "the product the " + name + " returned", "Jv");
      } catch (IllegalArgumentException e) {
        throw new InvalidJacobian(e.getMessage() + "; return " + o.product());
      }
      if (r.size() != rows) {
        throw new InvalidJacobian(
            "the "
                + name
                + " returned "
                + r.kind()
                + " of shape "
                + Arrays.toString(r.shape())
                + " for "
                + along
                + "; return "
                + o.product());
      }
      o.derivativePrecision = o.derivativePrecision.coarser(r.precision());
      double[] values = new double[rows];
      for (int i = 0; i < rows; i++) {
        values[i] = r.get(i);
      }
      return values;
    }
  }

  @Override
  java.util.Optional<LinearMap> linearMap(List<Declared> parameters) {
    if (!(source instanceof Products products)) {
      return java.util.Optional.empty();
    }
    JacobianObjective o = this;
    return java.util.Optional.of(
        new LinearMap() {
          @Override
          public String code() {
            return products.name();
          }

          @Override
          public String input() {
            return kind == CheckKind.HESSIAN ? "v" : "dx";
          }

          @Override
          public int inputs() {
            return columns;
          }

          @Override
          public double[] apply(double[] direction) {
            return products.call(o, direction, "a random direction");
          }

          @Override
          public String label(int k) {
            return kind == CheckKind.HESSIAN
                ? "(H·v)[" + o.columnLabel(k) + "]"
                : "(J·dx)[" + o.label(k) + "]";
          }

          @Override
          public double epsilon() {
            return o.precision().coarser(o.derivativePrecision).epsilon();
          }
        });
  }

  private String unitVector(int j) {
    return "the direction " + (signs[j] > 0 ? "+" : "-") + "e" + j + " (" + columnLabel(j) + ")";
  }

  private String columnLabel(int j) {
    for (int p = 0; p < parameters.size(); p++) {
      if (j < offsets[p + 1]) {
        return parameters.get(p).label(j - offsets[p]);
      }
    }
    return "entry " + j;
  }

  private String product() {
    String per =
        kind == CheckKind.HESSIAN
            ? "one entry per parameter entry ("
            : "one entry per output entry ("
                + output.size()
                + ", output of shape "
                + Arrays.toString(output.shape())
                + ")";
    return (kind == CheckKind.HESSIAN ? per + output.size() + ")" : per)
        + ", given a direction of "
        + columns
        + " entries (the declared parameters' entries, in declaration order)";
  }

  /**
   * Whether a matrix of this shape has a row per output entry and a column per parameter entry:
   * {@code [m][n]}, flat {@code [m·n]}, or, for one parameter, the output's shape followed by the
   * parameter's.
   */
  private boolean fits(int[] shape) {
    int rows = rows();
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
    return parameters.size() == 1 && Arrays.equals(shape, outputThenParameter());
  }

  private int[] outputThenParameter() {
    int[] out = output.shape();
    int[] par = parameters.get(0).values().shape();
    int[] both = Arrays.copyOf(out, out.length + par.length);
    System.arraycopy(par, 0, both, out.length, par.length);
    return both;
  }

  private String expected() {
    if (kind == CheckKind.HESSIAN) {
      return "of "
          + columns
          + " rows and "
          + columns
          + " columns (one per entry of the declared parameters, in declaration order), as"
          + " double[][], RealMatrix or any storage of "
          + (long) columns * columns
          + " entries, row by row";
    }
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

  /** How messages name the function's entries and the matrix's. */
  private interface Naming {
    /** The label of output entry {@code index}, given the reader's own. */
    String output(String plain, int index);

    /** The label of the matrix entry for an output entry and a parameter entry. */
    String entry(String output, String parameter, int index);

    /** A forward's output: {@code ∂output[3]/∂theta[2]}. */
    Naming OUTPUT =
        new Naming() {
          @Override
          public String output(String plain, int index) {
            return plain;
          }

          @Override
          public String entry(String output, String parameter, int index) {
            return "∂" + output + "/∂" + parameter;
          }
        };

    /** A loss's gradient: output entry {@code ∂loss/∂x[0]}, entry {@code ∂²loss/∂x[0]∂x[2]}. */
    static Naming hessian(Supplier<List<Declared>> parameters) {
      return new Naming() {
        @Override
        public String output(String plain, int index) {
          return "∂loss/∂" + entryLabel(index);
        }

        @Override
        public String entry(String output, String parameter, int index) {
          return "∂²loss/∂" + entryLabel(index) + "∂" + parameter;
        }

        private String entryLabel(int index) {
          int total = parameters.get().stream().mapToInt(d -> d.values().size()).sum();
          int k = total == 0 ? index : index % total;
          for (Declared d : parameters.get()) {
            if (k < d.values().size()) {
              return d.label(k);
            }
            k -= d.values().size();
          }
          return "entry " + index;
        }
      };
    }
  }

  /** A matrix or product of the wrong type or shape: the user's mistake, named as such. */
  static final class InvalidJacobian extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidJacobian(String message) {
      super(message);
    }
  }
}
