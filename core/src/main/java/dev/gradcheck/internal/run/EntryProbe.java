package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.Precision;
import dev.gradcheck.internal.numeric.StepSize;
import dev.gradcheck.internal.report.Numbers;
import dev.gradcheck.internal.storage.Entries;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * Perturbs one entry in place and evaluates central differences at steps {@code h0 * 2^k},
 * remembering each so that refinement never evaluates a step twice. The entry is restored bit for
 * bit after every pair of evaluations.
 */
final class EntryProbe {

  private final Objective objective;
  private final Entries values;
  private final Snapshot snapshot;
  private final int index;
  private final String label;
  private final double x;
  private final double f0;
  private final double sigma;
  private final double epsilon;
  private final double baseStep;
  private final Map<Integer, CentralDifference> cache = new HashMap<>();
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
    this.label = parameter.label(index);
    this.x = snapshot.value(index);
    this.f0 = f0;
    this.sigma = sigma;
    this.epsilon = precision.epsilon();
    this.baseStep = StepSize.central(x, values.precision());
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
    double next = Math.scalb(baseStep, shift - 3 - 4);
    if (next < 64 * Math.ulp(Math.max(Math.abs(x), Double.MIN_NORMAL)) || shift <= -48) {
      return false;
    }
    shift -= 3;
    return true;
  }

  /** The central difference at step {@code h0 * 2^k}. */
  CentralDifference at(int k) throws Unresolvable {
    int key = k + shift;
    CentralDifference known = cache.get(key);
    if (known != null) {
      return known;
    }
    double h = Math.scalb(baseStep, key);
    double xPlus = moveTo(x + h);
    double fPlus = evaluate(xPlus, h);
    double xMinus = moveTo(x - h);
    double fMinus = evaluate(xMinus, -h);
    snapshot.restore(index);
    objective.at("at the declared point");
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
    cache.put(key, difference);
    return difference;
  }

  /**
   * The central difference of this entry at a random point nearby: every entry of every parameter
   * is moved by up to a few steps, then this entry is differentiated with a step far smaller than
   * its move. Used to sample the derivatives around a point where several kinks meet. Returns NaN
   * when the function is not finite there.
   */
  double derivativeNearby(Neighbourhood neighbourhood) {
    double h = Math.scalb(baseStep, shift - 4);
    try {
      neighbourhood.jitter();
      double centre = values.get(index);
      values.set(index, centre + h);
      double xPlus = values.get(index);
      objective.at("while sampling derivatives near a kink of " + label);
      double fPlus = objective.evaluate();
      values.set(index, centre - h);
      double xMinus = values.get(index);
      double fMinus = objective.evaluate();
      double d = (fPlus - fMinus) / (xPlus - xMinus);
      return Double.isFinite(d) ? d : Double.NaN;
    } finally {
      neighbourhood.restore();
      objective.at("at the declared point");
    }
  }

  private double moveTo(double target) throws Unresolvable {
    values.set(index, target);
    double stored = values.get(index);
    if (!Double.isFinite(stored) || stored == x) {
      snapshot.restore(index);
      throw new Unresolvable(
          label
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
    String where =
        "with "
            + label
            + " perturbed by "
            + (step > 0 ? "+" : "")
            + Numbers.error(at - x)
            + " (from "
            + Numbers.value(x)
            + ")";
    objective.at(where);
    // A throwing evaluation leaves the entry perturbed; the runner restores every parameter.
    double f = objective.evaluate();
    if (!Double.isFinite(f)) {
      snapshot.restore(index);
      ContractViolation violation = objective.nonFinite(f, where);
      throw new Unresolvable(violation.describe(), violation);
    }
    return f;
  }
}
