package dev.gradcheck;

/**
 * The smooth test loss {@code f(x) = Σ_k (k+1)/2 · x_k² + sin(x_k)} over the flat entries of a
 * parameter, and its exact gradient {@code (k+1) x_k + cos(x_k)}: every entry's derivative differs
 * from the others', so an entry mixed up with another shows.
 */
final class SmoothLoss {

  private SmoothLoss() {}

  static double value(double[] x) {
    double sum = 0;
    for (int k = 0; k < x.length; k++) {
      sum += 0.5 * (k + 1) * x[k] * x[k] + Math.sin(x[k]);
    }
    return sum;
  }

  static double[] gradient(double[] x) {
    double[] g = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      g[k] = (k + 1) * x[k] + Math.cos(x[k]);
    }
    return g;
  }

  /** Distinct values of both signs in (-1.3, 1.3), the same for every run. */
  static double[] point(int size) {
    double[] x = new double[size];
    for (int k = 0; k < size; k++) {
      x[k] = 1.3 * Math.sin(1.7 * k + 0.4);
    }
    return x;
  }
}
