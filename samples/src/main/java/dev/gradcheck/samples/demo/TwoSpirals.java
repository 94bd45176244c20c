package dev.gradcheck.samples.demo;

import java.util.Random;

/**
 * The two-spirals toy problem: points of two interleaved spirals in the plane, class 0 and 1.
 *
 * @param x the points, {@code n x 2} row-major
 * @param labels the class of each point
 */
public record TwoSpirals(double[] x, int[] labels) {

  /**
   * Draws {@code perClass} points per spiral, with Gaussian noise of the given size.
   *
   * @param perClass points per class
   * @param noise standard deviation of the noise added to each coordinate
   * @param random the source of the noise
   * @return the data set
   */
  public static TwoSpirals draw(int perClass, double noise, Random random) {
    int n = 2 * perClass;
    double[] x = new double[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < perClass; i++) {
      double t = 0.25 + 2.75 * Math.PI * i / perClass;
      double r = t / (2.75 * Math.PI);
      for (int c = 0; c < 2; c++) {
        int k = 2 * i + c;
        double sign = c == 0 ? 1 : -1;
        x[2 * k] = sign * r * Math.cos(t) + noise * random.nextGaussian();
        x[2 * k + 1] = sign * r * Math.sin(t) + noise * random.nextGaussian();
        labels[k] = c;
      }
    }
    return new TwoSpirals(x, labels);
  }

  /** Returns the number of points. */
  public int size() {
    return labels.length;
  }
}
