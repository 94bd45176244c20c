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
 * variance next to a square root) must not blunt the check of the others. Values exactly polynomial
 * along that line (rounding in step with the power-of-two spacing, or none) are probed a second
 * time off the grid, where the grid the values lie on shows too.
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
    NoiseLevel finest = null;
    for (int attempt = 0; attempt < FINER.length; attempt++) {
      int finer = FINER[attempt];
      Probed probed = probe(objective, perturbation, f0, baseline, random, p, finer, false);
      if (probed == null) {
        // Left the domain: the entries will tell.
        return new NoiseLevel(
            0,
            Math.abs(f0),
            objective.perOutput() ? new double[baseline.length] : null,
            magnitudes(baseline));
      }
      finest = probed.level(objective);
      if (probed.noiseLike()) {
        if (probed.locked()) {
          // The rounding moved in step with the power-of-two spacing (a grid far coarser than the
          // value's own, from cancellation, that the spacing is a multiple of), or the function is
          // exact along the line: moved by a spacing off that grid, the rounding shows. One
          // output entry locked is enough: each is judged on its own noise.
          Probed off = probe(objective, perturbation, f0, baseline, random, p, finer, true);
          if (off != null && off.noiseLike()) {
            finest = finest.atLeast(off.level(objective));
          }
        }
        if (attempt + 1 < FINER.length
            && !objective.secondDifferences()
            && farAboveRounding(objective, perturbation, p, finest)) {
          // Noise does not shrink with the spacing; a smooth part that passed for it does (a layer
          // norm probed across its rows' spread). Look closer before charging every entry with it.
          // Not for a difference gradient, whose error is its noise and shrinks with the spacing.
          Probed closer =
              probe(objective, perturbation, f0, baseline, random, p, FINER[attempt + 1], false);
          if (closer != null
              && closer.noiseLike()
              && closer.estimate()[0] * SMOOTH_PART < finest.sigma()) {
            NoiseLevel nearer = closer.level(objective);
            if (!closer.locked()) {
              return nearer;
            }
          }
        }
        return finest;
      }
      // The function varies on the scale of the probe: its smooth part, not noise, fills the
      // differences. Probe again with a spacing 64 times smaller.
    }
    return finest;
  }

  /**
   * A probe's evaluations: the checked scalar's values, and each output entry's when they are
   * checked one by one; {@code offGrid} when its points lie on no power-of-two grid.
   */
  private record Probed(double[] values, double[][] vectors, double[] estimate, boolean offGrid) {

    boolean noiseLike() {
      return estimate[1] == 1;
    }

    /**
     * Whether the scalar's values are locked to the spacing, or an output entry's on a grid far
     * finer than its steps (an output entry exact along the line, as a residual at t = 0 often is,
     * needs no second look; the scalar, its entries mixed by weights off the grid, is exact only
     * when they all are).
     */
    boolean locked() {
      if (NoiseEstimator.locked(values)) {
        return true;
      }
      for (int i = 0; vectors != null && i < vectors[0].length; i++) {
        if (NoiseEstimator.lockedOnFineGrid(series(vectors, i))) {
          return true;
        }
      }
      return false;
    }

    NoiseLevel level(Objective objective) {
      double magnitude = 0;
      for (double value : values) {
        magnitude = Math.max(magnitude, Math.abs(value));
      }
      double sigma = atLeastGrid(estimate[0], values);
      if (vectors == null) {
        return new NoiseLevel(sigma, magnitude);
      }
      double[] outputs = perOutput(vectors, sigma, objective.weights());
      for (int i = 0; i < outputs.length; i++) {
        outputs[i] = atLeastGrid(outputs[i], series(vectors, i));
      }
      return new NoiseLevel(sigma, magnitude, outputs, magnitudes(vectors));
    }

    /**
     * Off the power-of-two grids, values on a coarse grid round at it: a value rounded to a grid of
     * spacing {@code q} is off by up to {@code q/2}, a standard deviation of {@code q/√12}.
     */
    private double atLeastGrid(double sigma, double[] series) {
      return offGrid ? Math.max(sigma, NoiseEstimator.grid(series) / Math.sqrt(12)) : sigma;
    }
  }

  /** Output entry {@code i}'s values over the probe's evaluations. */
  private static double[] series(double[][] vectors, int i) {
    double[] series = new double[vectors.length];
    for (int j = 0; j < series.length; j++) {
      series[j] = vectors[j][i];
    }
    return series;
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
      double[] estimate = NoiseEstimator.estimate(series(vectors, i));
      sigma[i] =
          estimate[1] == 1
              ? estimate[0]
              : Math.min(estimate[0], scalarSigma / Math.abs(weights[i]));
    }
    return sigma;
  }

  /** Noise this many times the value's rounding is worth a closer look. */
  private static final double FAR_ABOVE_ROUNDING = 100;

  /** A closer probe this many times quieter shows that the first one measured a smooth part. */
  private static final double SMOOTH_PART = 8;

  private static boolean farAboveRounding(
      Objective objective, Perturbation perturbation, int p, NoiseLevel level) {
    double epsilon =
        objective.precision().coarser(perturbation.parameter(p).values().precision()).epsilon();
    return level.sigma() > FAR_ABOVE_ROUNDING * epsilon * level.magnitude();
  }

  /** How much finer than the default each attempt's spacing is, as a power of two. */
  private static final int[] FINER = {0, 6, 12};

  /**
   * Evaluates the function along a random line of the parameter: each entry moved by a power of two
   * with a random sign, exact in the entry's precision; or, {@code offGrid}, by that times a random
   * factor from 1/2 to 1, so that the points lie on no power-of-two grid.
   *
   * @return the evaluations, or null when the line left the function's domain
   */
  private static Probed probe(
      Objective objective,
      Perturbation perturbation,
      double f0,
      double[] baseline,
      SplittableRandom random,
      int p,
      int finer,
      boolean offGrid) {
    double[][] vectors = objective.perOutput() ? new double[NoiseEstimator.POINTS][] : null;
    int half = NoiseEstimator.POINTS / 2;
    Declared parameter = perturbation.parameter(p);
    Entries values = parameter.values();
    double[] direction = new double[values.size()];
    for (int i = 0; i < direction.length; i++) {
      double x = perturbation.declared(p, i);
      double delta =
          Double.isFinite(x) ? parameter.noiseStep(x, values.precision(), finer, half) : 0;
      if (offGrid) {
        delta *= 0.5 + 0.5 * random.nextDouble();
      }
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
    return new Probed(f, vectors, NoiseEstimator.estimate(f), offGrid);
  }
}
