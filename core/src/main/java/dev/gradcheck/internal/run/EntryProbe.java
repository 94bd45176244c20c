package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.Precision;
import dev.gradcheck.internal.report.Numbers;
import dev.gradcheck.internal.storage.Entries;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.function.Supplier;

/**
 * Perturbs one entry in place and evaluates central differences at steps {@code h0 * 2^k},
 * remembering each so that refinement never evaluates a step twice. The entry is restored bit for
 * bit after every pair of evaluations.
 */
final class EntryProbe {

  /**
   * Room for step exponents from the smallest shrunk ladder (about -100) up to the largest traced
   * step (below 32); others are computed without caching.
   */
  private static final int CACHE_OFFSET = 128;

  private final Objective objective;
  private final Entries values;
  private final Snapshot snapshot;
  private final int index;
  private final Declared parameter;
  private final double x;
  private final double f0;
  private final double sigma;
  private final double epsilon;
  private final double baseStep;

  /** Central differences by step exponent {@code k + shift}, offset by {@link #CACHE_OFFSET}. */
  private final CentralDifference[] cache = new CentralDifference[CACHE_OFFSET + 32];

  private int shift;

  EntryProbe(
      Objective objective,
      Declared parameter,
      Snapshot snapshot,
      int index,
      double f0,
      double sigma,
      Precision precision) {
    this.objective = objective;
    this.values = parameter.values();
    this.snapshot = snapshot;
    this.index = index;
    this.parameter = parameter;
    this.x = snapshot.value(index);
    this.f0 = f0;
    this.sigma = sigma;
    this.epsilon = precision.epsilon();
    // Steps suit what the forward computes in: a float forward of a double parameter needs float
    // steps.
    // The refinement ladder reaches 32 steps.
    this.baseStep = parameter.step(x, values.precision().coarser(precision), 32);
  }

  private String label() {
    return parameter.label(index);
  }

  /** The entry's value at the declared point. */
  double x() {
    return x;
  }

  /** The {@code k} for which {@code h0 * 2^k} is the power of two nearest below {@code step}. */
  int exponentOf(double step) {
    return Math.getExponent(step) - Math.getExponent(baseStep) - shift;
  }

  /**
   * Makes every step eight times smaller, for an entry next to the boundary of the function's
   * domain (a variance of 1e-8 under a square root): returns false once the steps would come within
   * a few units in the last place of the entry.
   */
  boolean shrink() {
    if (!canShrink()) {
      return false;
    }
    shift -= 3;
    return true;
  }

  /** The largest step of the refinement ladder at the current scale. */
  double largestStep() {
    return Math.scalb(baseStep, shift + 5);
  }

  /** Whether {@link #shrink()} would succeed. */
  boolean canShrink() {
    double next = Math.scalb(baseStep, shift - 3 - 4);
    return next >= 64 * Math.ulp(Math.max(Math.abs(x), Double.MIN_NORMAL)) && shift > -48;
  }

  /** The central difference at step {@code h0 * 2^k}. */
  CentralDifference at(int k) throws Unresolvable {
    int key = k + shift;
    boolean cached = key + CACHE_OFFSET >= 0 && key + CACHE_OFFSET < cache.length;
    CentralDifference known = cached ? cache[key + CACHE_OFFSET] : null;
    if (known != null) {
      return known;
    }
    double h = Math.scalb(baseStep, key);
    double xPlus = moveTo(x + h);
    double fPlus = evaluate(xPlus, h);
    double xMinus = moveTo(x - h);
    double fMinus = evaluate(xMinus, -h);
    snapshot.restore(index);
    objective.atDeclaredPoint();
    double scale = Math.max(Math.abs(f0), Math.max(Math.abs(fPlus), Math.abs(fMinus)));
    double noise = 3 * Math.max(sigma, 0.5 * epsilon * scale);
    CentralDifference difference =
        new CentralDifference(
            h,
            (fPlus - fMinus) / (xPlus - xMinus),
            (f0 - fMinus) / (x - xMinus),
            (fPlus - f0) / (xPlus - x),
            noise / (xPlus - xMinus),
            noise / Math.min(xPlus - x, x - xMinus));
    if (cached) {
      cache[key + CACHE_OFFSET] = difference;
    }
    return difference;
  }

  /**
   * The central difference of this entry at a random point nearby: every entry of every parameter
   * is moved by up to a few steps, then this entry is differentiated with a step far smaller than
   * its move. Used to sample the derivatives around a point where several kinks meet. Returns NaN
   * when the function is not finite there.
   */
  double derivativeNearby(Neighbourhood neighbourhood, int sample) {
    double h = Math.scalb(baseStep, shift - 4);
    try {
      if (sample < 2) {
        neighbourhood.ordered(sample == 0);
      } else {
        neighbourhood.jitter();
      }
      double centre = values.get(index);
      values.set(index, centre + h);
      double xPlus = values.get(index);
      objective.at(() -> "while sampling derivatives near a kink of " + label());
      double fPlus = objective.evaluate();
      values.set(index, centre - h);
      double xMinus = values.get(index);
      double fMinus = objective.evaluate();
      double d = (fPlus - fMinus) / (xPlus - xMinus);
      return Double.isFinite(d) ? d : Double.NaN;
    } finally {
      neighbourhood.restore();
      objective.atDeclaredPoint();
    }
  }

  private double moveTo(double target) throws Unresolvable {
    values.set(index, target);
    double stored = values.get(index);
    if (!Double.isFinite(stored) || stored == x) {
      snapshot.restore(index);
      throw new Unresolvable(
          label()
              + " = "
              + Numbers.value(x)
              + " cannot be moved to "
              + Numbers.value(target)
              + " in "
              + values.precision().name().toLowerCase(java.util.Locale.ROOT)
              + " (stored as "
              + Numbers.value(stored)
              + ")",
          null);
    }
    return stored;
  }

  private double evaluate(double at, double step) throws Unresolvable {
    Supplier<String> where = () -> where(at, step);
    objective.at(where);
    double f;
    try {
      f = objective.evaluate();
    } catch (GradientCheckException e) {
      // Thrown away from the declared point: most likely outside the function's domain (a
      // width moved below zero). The judge shrinks the steps, and rethrows if that fails.
      snapshot.restore(index);
      throw new Unresolvable(e.getMessage(), null, e);
    }
    if (!Double.isFinite(f)) {
      snapshot.restore(index);
      ContractViolation violation = objective.nonFinite(f, where.get());
      throw new Unresolvable(violation.describe(), violation);
    }
    return f;
  }

  private String where(double at, double step) {
    return "with "
        + label()
        + " perturbed by "
        + (step > 0 ? "+" : "")
        + Numbers.error(at - x)
        + " (from "
        + Numbers.value(x)
        + ")";
  }
}
