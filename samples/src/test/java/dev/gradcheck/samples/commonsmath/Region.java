package dev.gradcheck.samples.commonsmath;

import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A region of a parametric function's valid domain: how to draw a parameter vector, and how to draw
 * an {@code x} for a given parameter vector.
 *
 * @param name a short description, used in messages and in the docs
 * @param parameters draws a parameter vector
 * @param x draws an {@code x} for a parameter vector
 */
record Region(
    String name, Function<Random, double[]> parameters, BiFunction<Random, double[], Double> x) {

  /** Draws {@code count} values of {@code x} for the parameter vector. */
  double[] xs(Random random, double[] param, int count) {
    double[] xs = new double[count];
    for (int i = 0; i < count; i++) {
      xs[i] = x.apply(random, param);
    }
    return xs;
  }

  /** Uniform in {@code [low, high)}. */
  static double uniform(Random random, double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  /** Log-uniform in {@code [low, high)}, both positive. */
  static double logUniform(Random random, double low, double high) {
    return Math.exp(uniform(random, Math.log(low), Math.log(high)));
  }

  /** Log-uniform magnitude in {@code [low, high)} with a random sign. */
  static double signedLogUniform(Random random, double low, double high) {
    double v = logUniform(random, low, high);
    return random.nextBoolean() ? v : -v;
  }
}
