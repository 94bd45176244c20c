package dev.gradcheck.internal.run;

import dev.gradcheck.internal.numeric.NoiseEstimator;
import dev.gradcheck.internal.numeric.StepSize;
import dev.gradcheck.internal.storage.Entries;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.List;
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
      List<Declared> parameters,
      List<Snapshot> snapshots,
      double f0,
      SplittableRandom random,
      int parameter) {
    int half = NoiseEstimator.POINTS / 2;
    double[][] direction = new double[parameters.size()][];
    for (int p = 0; p < direction.length; p++) {
      Entries values = parameters.get(p).values();
      direction[p] = new double[values.size()];
      for (int i = 0; i < direction[p].length; i++) {
        double x = snapshots.get(p).value(i);
        double delta =
            p == parameter && Double.isFinite(x) ? StepSize.noiseProbe(x, values.precision()) : 0;
        direction[p][i] = random.nextBoolean() ? delta : -delta;
      }
    }
    double[] f = new double[NoiseEstimator.POINTS];
    objective.at(
        () ->
            "while measuring the forward's noise along a random direction of '"
                + parameters.get(parameter).name()
                + "'");
    try {
      for (int j = -half; j <= half; j++) {
        if (j == 0) {
          f[half] = f0;
          continue;
        }
        for (int p = 0; p < direction.length; p++) {
          Entries values = parameters.get(p).values();
          for (int i = 0; i < direction[p].length; i++) {
            values.set(i, snapshots.get(p).value(i) + j * direction[p][i]);
          }
        }
        f[j + half] = objective.evaluate();
        if (!Double.isFinite(f[j + half])) {
          return new NoiseLevel(0, Math.abs(f0));
        }
      }
    } finally {
      snapshots.forEach(Snapshot::restore);
      objective.atDeclaredPoint();
    }
    double magnitude = 0;
    for (double value : f) {
      magnitude = Math.max(magnitude, Math.abs(value));
    }
    return new NoiseLevel(NoiseEstimator.sigma(f), magnitude);
  }
}
