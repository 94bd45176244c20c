package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.Precision;
import dev.gradcheck.internal.text.Numbers;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One entry of one parameter moved along its own axis: the evaluations at {@code x ± h} for steps
 * {@code h = h0 · 2^key}, each pair made once and kept. It keeps the checked scalar of every
 * evaluation, and the whole output vector when asked to, so that all views of the same evaluations
 * (the gradient entry, or every entry of a Jacobian's column) share them: a column of a Jacobian
 * costs what one gradient entry costs. The entry is restored bit for bit after every pair.
 */
final class EntryLine {

  /**
   * Room for step exponents from the smallest shrunk ladder (about -100) up to the largest traced
   * step (below 32); others are evaluated without being kept.
   */
  private static final int CACHE_OFFSET = 128;

  /**
   * The evaluations at one step.
   *
   * @param step the nominal step {@code h}
   * @param xPlus the entry's stored value at {@code x + h}
   * @param xMinus the entry's stored value at {@code x - h}
   * @param fPlus the checked scalar at {@code x + h}
   * @param fMinus the checked scalar at {@code x - h}
   * @param plus the output vector at {@code x + h}, or null when not kept
   * @param minus the output vector at {@code x - h}, or null when not kept
   */
  record Sample(
      double step,
      double xPlus,
      double xMinus,
      double fPlus,
      double fMinus,
      double[] plus,
      double[] minus) {}

  private final Objective objective;
  private final Perturbation perturbation;
  private final int p;
  private final int index;
  private final Declared parameter;
  private final double x;
  private final double baseStep;
  private final boolean keepOutputs;

  /**
   * The samples by step exponent, for lines read by several views (a Jacobian's column); null for a
   * line read by one view, which keeps its own central differences.
   */
  private final Object[] cache;

  /**
   * @param precision the precision the forward computes this entry in; steps suit it (a float
   *     forward of a double parameter needs float steps)
   * @param keepOutputs whether to keep each evaluation's output vector, for per-output views
   */
  EntryLine(
      Objective objective,
      Perturbation perturbation,
      int p,
      int index,
      Precision precision,
      boolean keepOutputs) {
    this.objective = objective;
    this.perturbation = perturbation;
    this.p = p;
    this.index = index;
    this.parameter = perturbation.parameter(p);
    this.x = perturbation.declared(p, index);
    this.keepOutputs = keepOutputs;
    this.cache = keepOutputs ? new Object[CACHE_OFFSET + 32] : null;
    // The refinement ladder reaches 32 steps.
    this.baseStep = parameter.step(x, parameter.values().precision().coarser(precision), 32);
  }

  Declared parameter() {
    return parameter;
  }

  int index() {
    return index;
  }

  /** The entry's value at the declared point. */
  double x() {
    return x;
  }

  /** The step {@code h0} that step exponents count from. */
  double baseStep() {
    return baseStep;
  }

  /** Whether each sample carries its output vectors. */
  boolean keepsOutputs() {
    return keepOutputs;
  }

  String label() {
    return parameter.label(index);
  }

  /**
   * The evaluations at step {@code h0 · 2^key}. With output vectors kept, a non-finite value is
   * left to each view to judge (one output entry may be finite where another is not); without, it
   * makes the step unusable at once.
   */
  Sample at(int key) throws Unresolvable {
    boolean cached = cache != null && key + CACHE_OFFSET >= 0 && key + CACHE_OFFSET < cache.length;
    Object known = cached ? cache[key + CACHE_OFFSET] : null;
    if (known instanceof Sample sample) {
      return sample;
    }
    if (known instanceof Unresolvable failure) {
      throw failure;
    }
    try {
      Sample sample = evaluateAt(Math.scalb(baseStep, key));
      if (cached) {
        cache[key + CACHE_OFFSET] = sample;
      }
      return sample;
    } catch (Unresolvable e) {
      if (cached && keepOutputs) {
        cache[key + CACHE_OFFSET] = e; // every view of the column meets the same failure
      }
      throw e;
    }
  }

  private Sample evaluateAt(double h) throws Unresolvable {
    double xPlus = moveTo(x + h);
    double fPlus = evaluate(xPlus, h);
    double[] plus = keepOutputs ? objective.capture() : null;
    double xMinus = moveTo(x - h);
    double fMinus = evaluate(xMinus, -h);
    double[] minus = keepOutputs ? objective.capture() : null;
    perturbation.restore(p, index);
    objective.atDeclaredPoint();
    return new Sample(h, xPlus, xMinus, fPlus, fMinus, plus, minus);
  }

  /**
   * The evaluations at {@code ±h} around a random point nearby: every entry of every parameter is
   * moved by up to a few steps, then this entry by {@code ±h}, far less than its move. Used to
   * sample the derivatives around a point where several kinks meet; never kept.
   */
  Sample nearby(Neighbourhood neighbourhood, int sample, double h) {
    try {
      if (sample < 2) {
        neighbourhood.ordered(sample == 0);
      } else {
        neighbourhood.jitter();
      }
      double centre = parameter.values().get(index);
      double xPlus = perturbation.move(p, index, centre + h);
      objective.at(() -> "while sampling derivatives near a kink of " + label());
      double fPlus = objective.evaluate();
      double[] plus = keepOutputs ? objective.capture() : null;
      double xMinus = perturbation.move(p, index, centre - h);
      double fMinus = objective.evaluate();
      double[] minus = keepOutputs ? objective.capture() : null;
      return new Sample(h, xPlus, xMinus, fPlus, fMinus, plus, minus);
    } finally {
      neighbourhood.restore();
      objective.atDeclaredPoint();
    }
  }

  private double moveTo(double target) throws Unresolvable {
    double stored = perturbation.move(p, index, target);
    if (!Double.isFinite(stored) || stored == x) {
      perturbation.restore(p, index);
      throw new Unresolvable(
          "%s = %s cannot be moved to %s in %s (stored as %s)"
              .formatted(
                  label(),
                  Numbers.value(x),
                  Numbers.value(target),
                  parameter.values().precision().name().toLowerCase(Locale.ROOT),
                  Numbers.value(stored)),
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
      perturbation.restore(p, index);
      throw new Unresolvable(e.getMessage(), null, e);
    }
    if (!keepOutputs && !Double.isFinite(f)) {
      perturbation.restore(p, index);
      ContractViolation violation = objective.nonFinite(f, where.get());
      throw new Unresolvable(violation.describe(), violation);
    }
    return f;
  }

  /** Where the parameters are at a sample of this line, for messages. */
  String where(double at, double step) {
    return "with %s perturbed by %s%s (from %s)"
        .formatted(label(), step > 0 ? "+" : "", Numbers.error(at - x), Numbers.value(x));
  }
}
