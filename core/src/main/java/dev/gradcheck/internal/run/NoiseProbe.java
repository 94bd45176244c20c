package dev.gradcheck.internal.run;

import dev.gradcheck.GradientCheckException;
import dev.gradcheck.internal.numeric.NoiseEstimator;
import dev.gradcheck.internal.storage.Entries;
import java.util.SplittableRandom;

/**
 * Measures the noise of the checked scalar as seen from one parameter: evaluates it at equally
 * spaced points along a random line through the declared point, moving every entry of that
 * parameter by a small power of two with a random sign, and hands the values to {@link
 * NoiseEstimator}. Per parameter, because one parameter sitting where the function is rough (a
 * variance next to a square root) must not blunt the check of the others.
 */
final class NoiseProbe {

  private NoiseProbe() {}

  /**
   * Returns the noise level, or zero noise when the probe could not evaluate finitely (the
   * per-entry checks then report the non-finite values where they occur).
   */
  static NoiseLevel measure(
      Objective objective,
      Perturbation perturbation,
      double f0,
      double[] baseline,
      SplittableRandom random,
      int p) {
    boolean perOutput = objective.perOutput();
    NoiseLevel finest = null;
    for (int finer : FINER) {
      double[][] vectors = perOutput ? new double[NoiseEstimator.POINTS][] : null;
      double[] f = probe(objective, perturbation, f0, baseline, vectors, random, p, finer);
      if (f == null) {
        // Left the domain: the entries will tell.
        return new NoiseLevel(
            0, Math.abs(f0), perOutput ? new double[baseline.length] : null, magnitudes(baseline));
      }
      double magnitude = 0;
      for (double value : f) {
        magnitude = Math.max(magnitude, Math.abs(value));
      }
      double[] estimate = NoiseEstimator.estimate(f);
      double[] outputs = perOutput ? perOutput(vectors, estimate[0], objective.weights()) : null;
      finest =
          new NoiseLevel(estimate[0], magnitude, outputs, perOutput ? magnitudes(vectors) : null);
      if (estimate[1] == 1) {
        return finest;
      }
      // The function varies on the scale of the probe: its smooth part, not noise, fills the
      // differences. Probe again with a spacing 64 times smaller.
    }
    return finest;
  }

  /** The largest magnitude of each output entry over the probe's evaluations. */
  private static double[] magnitudes(double[]... vectors) {
    if (vectors == null || vectors[0] == null) {
      return null;
    }
    double[] largest = new double[vectors[0].length];
    for (double[] v : vectors) {
      for (int i = 0; i < largest.length; i++) {
        largest[i] = Math.max(largest[i], Math.abs(v[i]));
      }
    }
    return largest;
  }

  /**
   * The noise of each output entry, from the same evaluations as the checked scalar's (so a
   * Jacobian costs no more probing than a gradient). An entry whose own series still shows its
   * smooth part is bounded by what the scalar's noise allows it: the scalar {@code Σ u_i f_i}
   * carries {@code u_i} times entry {@code i}'s noise.
   */
  private static double[] perOutput(double[][] vectors, double scalarSigma, double[] weights) {
    int m = vectors[0].length;
    double[] sigma = new double[m];
    for (int i = 0; i < m; i++) {
      double[] series = new double[vectors.length];
      for (int j = 0; j < series.length; j++) {
        series[j] = vectors[j][i];
      }
      double[] estimate = NoiseEstimator.estimate(series);
      sigma[i] =
          estimate[1] == 1
              ? estimate[0]
              : Math.min(estimate[0], scalarSigma / Math.abs(weights[i]));
    }
    return sigma;
  }

  /** How much finer than the default each attempt's spacing is, as a power of two. */
  private static final int[] FINER = {0, 6, 12};

  private static double[] probe(
      Objective objective,
      Perturbation perturbation,
      double f0,
      double[] baseline,
      double[][] vectors,
      SplittableRandom random,
      int p,
      int finer) {
    int half = NoiseEstimator.POINTS / 2;
    Declared parameter = perturbation.parameter(p);
    Entries values = parameter.values();
    double[] direction = new double[values.size()];
    for (int i = 0; i < direction.length; i++) {
      double x = perturbation.declared(p, i);
      double delta =
          Double.isFinite(x) ? parameter.noiseStep(x, values.precision(), finer, half) : 0;
      direction[i] = random.nextBoolean() ? delta : -delta;
    }
    double[] f = new double[NoiseEstimator.POINTS];
    objective.at(
        () ->
            "while measuring the forward's noise along a random direction of '%s'"
                .formatted(parameter.name()));
    try {
      for (int j = -half; j <= half; j++) {
        if (j == 0) {
          f[half] = f0;
          if (vectors != null) {
            vectors[half] = baseline;
          }
          continue;
        }
        for (int i = 0; i < direction.length; i++) {
          if (direction[i] != 0) {
            // An entry that is not moved (a NaN, an infinity) is never written.
            perturbation.displace(p, i, j * direction[i]);
          }
        }
        try {
          f[j + half] = objective.evaluate();
        } catch (GradientCheckException e) {
          return null;
        }
        if (!Double.isFinite(f[j + half])) {
          return null;
        }
        if (vectors != null) {
          vectors[j + half] = objective.capture();
        }
      }
    } finally {
      perturbation.restore(p);
      objective.atDeclaredPoint();
    }
    return f;
  }
}
