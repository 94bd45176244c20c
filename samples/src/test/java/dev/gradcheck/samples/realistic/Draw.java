package dev.gradcheck.samples.realistic;

import java.util.Random;

/** Random arrays and the small numerics the layers share. */
final class Draw {

  private Draw() {}

  /** {@code n} normal draws with standard deviation {@code s}. */
  static double[] gauss(Random r, int n, double s) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = s * r.nextGaussian();
    }
    return a;
  }

  /** {@code n} normal draws with standard deviation {@code s}, rounded to {@code float}. */
  static float[] gaussFloat(Random r, int n, double s) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (s * r.nextGaussian());
    }
    return a;
  }

  /** The logistic sigmoid, without overflow at either end. */
  static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  /** {@code log(1 + exp(x))}, without overflow at either end. */
  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** A copy widened to {@code double}. */
  static double[] toDouble(float[] f) {
    double[] r = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      r[i] = f[i];
    }
    return r;
  }
}
