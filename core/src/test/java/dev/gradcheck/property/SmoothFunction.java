package dev.gradcheck.property;

import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * A random smooth function of a vector, built from exp, log, sin, tanh, sqrt, products, quotients,
 * powers and sums over the vector, evaluated in double, in float arithmetic, and exactly
 * differentiated with commons-math3's {@link DerivativeStructure}.
 */
final class SmoothFunction {

  /** One node of the expression tree. */
  private sealed interface Node {}

  private record Variable(int index) implements Node {}

  private record Constant(double value) implements Node {}

  private record Sum(Node a, Node b) implements Node {}

  private record Product(Node a, Node b) implements Node {}

  /** {@code a / (b² + c)}, whose denominator stays away from zero. */
  private record Quotient(Node a, Node b, double c) implements Node {}

  /** {@code (a² + c)^p}, a power of a positive base. */
  private record Power(Node a, double c, double p) implements Node {}

  private record Unary(String op, Node a) implements Node {}

  /** {@code Σ_i w_i op(x_i)}: a sum over the whole vector. */
  private record VectorSum(String op, double[] weights) implements Node {}

  private static final String[] UNARY = {"exp", "log", "sin", "tanh", "sqrt"};

  private final Node root;
  private final int dimension;
  private final String text;

  private SmoothFunction(Node root, int dimension) {
    this.root = root;
    this.dimension = dimension;
    this.text = show(root);
  }

  /** Draws a function of {@code dimension} variables with expression depth at most 4. */
  static SmoothFunction random(SplittableRandom random, int dimension) {
    return new SmoothFunction(node(random, dimension, 4), dimension);
  }

  int dimension() {
    return dimension;
  }

  private static Node node(SplittableRandom r, int n, int depth) {
    if (depth == 0 || r.nextInt(5) == 0) {
      return r.nextInt(4) == 0 ? new Constant(r.nextDouble(-2, 2)) : new Variable(r.nextInt(n));
    }
    switch (r.nextInt(7)) {
      case 0:
        return new Sum(node(r, n, depth - 1), node(r, n, depth - 1));
      case 1:
        return new Product(node(r, n, depth - 1), node(r, n, depth - 1));
      case 2:
        return new Quotient(node(r, n, depth - 1), node(r, n, depth - 1), r.nextDouble(0.2, 2));
      case 3:
        return new Power(node(r, n, depth - 1), r.nextDouble(0.2, 2), r.nextDouble(-1.5, 2.5));
      case 4:
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
          w[i] = r.nextDouble(-1.5, 1.5);
        }
        return new VectorSum(UNARY[r.nextInt(UNARY.length)], w);
      default:
        return new Unary(UNARY[r.nextInt(UNARY.length)], node(r, n, depth - 1));
    }
  }

  /** The function in double arithmetic. */
  double value(double[] x) {
    return eval(root, x);
  }

  /** The function in float arithmetic: every operation rounded to float, as float code does. */
  float value(float[] x) {
    return evalFloat(root, x);
  }

  /** The value, the exact gradient and the exact Hessian at a point. */
  record Derivatives(double value, double[] gradient, double[][] hessian) {}

  /**
   * The value, the exact gradient and the exact Hessian at {@code x}, from automatic
   * differentiation at order 2. The Hessian is symmetric bit for bit: {@code H[i][j]} and {@code
   * H[j][i]} are the same stored partial derivative.
   */
  Derivatives derivatives(double[] x) {
    DerivativeStructure[] vars = new DerivativeStructure[dimension];
    for (int i = 0; i < dimension; i++) {
      vars[i] = new DerivativeStructure(dimension, 2, i, x[i]);
    }
    DerivativeStructure y = evalDs(root, vars);
    double[] g = new double[dimension];
    double[][] h = new double[dimension][dimension];
    for (int i = 0; i < dimension; i++) {
      int[] first = new int[dimension];
      first[i] = 1;
      g[i] = y.getPartialDerivative(first);
      for (int j = 0; j < dimension; j++) {
        int[] second = new int[dimension];
        second[i]++;
        second[j]++;
        h[i][j] = y.getPartialDerivative(second);
      }
    }
    return new Derivatives(y.getValue(), g, h);
  }

  /** The exact gradient at {@code x}, from automatic differentiation. */
  double[] gradient(double[] x) {
    DerivativeStructure[] vars = new DerivativeStructure[dimension];
    for (int i = 0; i < dimension; i++) {
      vars[i] = new DerivativeStructure(dimension, 1, i, x[i]);
    }
    DerivativeStructure y = evalDs(root, vars);
    double[] g = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      int[] orders = new int[dimension];
      orders[i] = 1;
      g[i] = y.getPartialDerivative(orders);
    }
    return g;
  }

  @Override
  public String toString() {
    return text;
  }

  private static double eval(Node node, double[] x) {
    if (node instanceof Variable v) {
      return x[v.index()];
    } else if (node instanceof Constant c) {
      return c.value();
    } else if (node instanceof Sum s) {
      return eval(s.a(), x) + eval(s.b(), x);
    } else if (node instanceof Product p) {
      return eval(p.a(), x) * eval(p.b(), x);
    } else if (node instanceof Quotient q) {
      double b = eval(q.b(), x);
      return eval(q.a(), x) / (b * b + q.c());
    } else if (node instanceof Power p) {
      double a = eval(p.a(), x);
      return Math.pow(a * a + p.c(), p.p());
    } else if (node instanceof Unary u) {
      return unary(u.op(), eval(u.a(), x));
    } else {
      VectorSum s = (VectorSum) node;
      double sum = 0;
      for (int i = 0; i < x.length; i++) {
        sum += s.weights()[i] * unary(s.op(), x[i]);
      }
      return sum;
    }
  }

  private static float evalFloat(Node node, float[] x) {
    if (node instanceof Variable v) {
      return x[v.index()];
    } else if (node instanceof Constant c) {
      return (float) c.value();
    } else if (node instanceof Sum s) {
      return evalFloat(s.a(), x) + evalFloat(s.b(), x);
    } else if (node instanceof Product p) {
      return evalFloat(p.a(), x) * evalFloat(p.b(), x);
    } else if (node instanceof Quotient q) {
      float b = evalFloat(q.b(), x);
      return evalFloat(q.a(), x) / (b * b + (float) q.c());
    } else if (node instanceof Power p) {
      float a = evalFloat(p.a(), x);
      return (float) Math.pow(a * a + (float) p.c(), (float) p.p());
    } else if (node instanceof Unary u) {
      return (float) unary(u.op(), evalFloat(u.a(), x));
    } else {
      VectorSum s = (VectorSum) node;
      float sum = 0;
      for (int i = 0; i < x.length; i++) {
        sum += (float) s.weights()[i] * (float) unary(s.op(), x[i]);
      }
      return sum;
    }
  }

  private static DerivativeStructure evalDs(Node node, DerivativeStructure[] x) {
    int n = x[0].getFreeParameters();
    int order = x[0].getOrder();
    if (node instanceof Variable v) {
      return x[v.index()];
    } else if (node instanceof Constant c) {
      return new DerivativeStructure(n, order, c.value());
    } else if (node instanceof Sum s) {
      return evalDs(s.a(), x).add(evalDs(s.b(), x));
    } else if (node instanceof Product p) {
      return evalDs(p.a(), x).multiply(evalDs(p.b(), x));
    } else if (node instanceof Quotient q) {
      DerivativeStructure b = evalDs(q.b(), x);
      return evalDs(q.a(), x).divide(b.multiply(b).add(q.c()));
    } else if (node instanceof Power p) {
      DerivativeStructure a = evalDs(p.a(), x);
      return a.multiply(a).add(p.c()).pow(p.p());
    } else if (node instanceof Unary u) {
      return unaryDs(u.op(), evalDs(u.a(), x));
    } else {
      VectorSum s = (VectorSum) node;
      DerivativeStructure sum = new DerivativeStructure(n, order, 0.0);
      for (int i = 0; i < x.length; i++) {
        sum = sum.add(unaryDs(s.op(), x[i]).multiply(s.weights()[i]));
      }
      return sum;
    }
  }

  /** The unary primitives, made total: log and sqrt act on {@code a² + 1/2}. */
  private static double unary(String op, double a) {
    switch (op) {
      case "exp":
        return Math.exp(a);
      case "log":
        return Math.log(a * a + 0.5);
      case "sin":
        return Math.sin(a);
      case "tanh":
        return Math.tanh(a);
      default:
        return Math.sqrt(a * a + 0.5);
    }
  }

  private static DerivativeStructure unaryDs(String op, DerivativeStructure a) {
    switch (op) {
      case "exp":
        return a.exp();
      case "log":
        return a.multiply(a).add(0.5).log();
      case "sin":
        return a.sin();
      case "tanh":
        return a.tanh();
      default:
        return a.multiply(a).add(0.5).sqrt();
    }
  }

  private static String show(Node node) {
    if (node instanceof Variable v) {
      return "x" + v.index();
    } else if (node instanceof Constant c) {
      return String.format(java.util.Locale.ROOT, "%.3f", c.value());
    } else if (node instanceof Sum s) {
      return "(" + show(s.a()) + " + " + show(s.b()) + ")";
    } else if (node instanceof Product p) {
      return "(" + show(p.a()) + " * " + show(p.b()) + ")";
    } else if (node instanceof Quotient q) {
      return "(" + show(q.a()) + " / (" + show(q.b()) + "^2 + " + q.c() + "))";
    } else if (node instanceof Power p) {
      return "((" + show(p.a()) + "^2 + " + p.c() + ")^" + p.p() + ")";
    } else if (node instanceof Unary u) {
      return u.op() + "(" + show(u.a()) + ")";
    } else {
      return "sum_i w_i " + ((VectorSum) node).op() + "(x_i)";
    }
  }
}
