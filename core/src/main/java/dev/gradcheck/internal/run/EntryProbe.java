package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.Precision;

/**
 * One scalar's derivative along one entry, read from the evaluations of an {@link EntryLine}: the
 * checked scalar itself (a loss, or the upstream-weighted output of a vector-Jacobian check), or
 * one entry of the output vector (a Jacobian's entry). Gives the central differences at steps
 * {@code h0 · 2^k} that {@link EntryJudge} reads, with their rounding error, remembering each.
 */
final class EntryProbe {

  /** The view of the checked scalar, rather than of one output entry. */
  static final int SCALAR = -1;

  private static final int CACHE_OFFSET = 128;

  private final EntryLine line;
  private final int output;
  private final String label;
  private final Objective objective;
  private final double f0;
  private final double sigma;
  private final double epsilon;

  /** Central differences by step exponent {@code k + shift}, offset by {@link #CACHE_OFFSET}. */
  private final CentralDifference[] cache = new CentralDifference[CACHE_OFFSET + 32];

  private int shift;
  private int companion = -1;

  /**
   * @param line the evaluations along the entry
   * @param output the output entry read, or {@link #SCALAR}
   * @param label how messages name the derivative: {@code W[2][0]}, or {@code ∂output[3]/∂W[2][0]}
   * @param f0 the value read at the declared point
   * @param sigma the noise of the value read
   * @param precision the precision the value is computed in
   */
  EntryProbe(
      EntryLine line,
      Objective objective,
      int output,
      String label,
      double f0,
      double sigma,
      Precision precision) {
    this.line = line;
    this.objective = objective;
    this.output = output;
    this.label = label;
    this.f0 = f0;
    this.sigma = sigma;
    this.epsilon = precision.epsilon();
  }

  /** A view of the checked scalar along the line. */
  static EntryProbe scalar(
      EntryLine line, Objective objective, double f0, double sigma, Precision precision) {
    return new EntryProbe(line, objective, SCALAR, line.label(), f0, sigma, precision);
  }

  /**
   * Reads the same derivative from a companion output entry computed with twice the inner step
   * (second differences of a loss, whose inner five-point stencil's bias scales with {@code h⁴}):
   * the central differences are then Richardson-corrected for that bias, and its estimate is added
   * to their error, so that an inner step's bias is never taken for a wrong Hessian.
   *
   * @param output the companion's output entry, or -1 for none
   * @return this probe
   */
  EntryProbe withCompanion(int output) {
    this.companion = output;
    return this;
  }

  /** How messages name the derivative. */
  String label() {
    return label;
  }

  /** The flat index of the output entry read, or {@link #SCALAR}. */
  int output() {
    return output;
  }

  /** The value read at the declared point. */
  double f0() {
    return f0;
  }

  /** The epsilon of the precision the value is computed in. */
  double epsilon() {
    return epsilon;
  }

  /** The entry's value at the declared point. */
  double x() {
    return line.x();
  }

  /** The {@code k} for which {@code h0 * 2^k} is the power of two nearest below {@code step}. */
  int exponentOf(double step) {
    return Math.getExponent(step) - Math.getExponent(line.baseStep()) - shift;
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
    return Math.scalb(line.baseStep(), shift + 5);
  }

  /** Whether {@link #shrink()} would succeed. */
  boolean canShrink() {
    double next = Math.scalb(line.baseStep(), shift - 3 - 4);
    return next >= 64 * Math.ulp(Math.max(Math.abs(x()), Double.MIN_NORMAL)) && shift > -48;
  }

  /** The central difference at step {@code h0 * 2^k}. */
  CentralDifference at(int k) throws Unresolvable {
    int key = k + shift;
    boolean cached = key + CACHE_OFFSET >= 0 && key + CACHE_OFFSET < cache.length;
    CentralDifference known = cached ? cache[key + CACHE_OFFSET] : null;
    if (known != null) {
      return known;
    }
    EntryLine.Sample s = line.at(key);
    double fPlus = read(s, true);
    double fMinus = read(s, false);
    double x = line.x();
    double scale = Math.max(Math.abs(f0), Math.max(Math.abs(fPlus), Math.abs(fMinus)));
    double noise = Rounding.of(sigma, epsilon, scale);
    double derivative = (fPlus - fMinus) / (s.xPlus() - s.xMinus());
    double roundoff = noise / (s.xPlus() - s.xMinus());
    if (companion >= 0) {
      // The same derivative with twice the inner step carries 16 times the inner bias.
      double coarse = (s.plus()[companion] - s.minus()[companion]) / (s.xPlus() - s.xMinus());
      double bias = (coarse - derivative) / 15;
      derivative -= bias;
      roundoff += Math.abs(bias);
    }
    CentralDifference difference =
        new CentralDifference(
            s.step(),
            derivative,
            (f0 - fMinus) / (x - s.xMinus()),
            (fPlus - f0) / (s.xPlus() - x),
            roundoff,
            noise / Math.min(s.xPlus() - x, x - s.xMinus()));
    if (cached) {
      cache[key + CACHE_OFFSET] = difference;
    }
    return difference;
  }

  /** The value read at one side of a sample; a non-finite output entry makes the step unusable. */
  private double read(EntryLine.Sample s, boolean plus) throws Unresolvable {
    if (output == SCALAR) {
      return plus ? s.fPlus() : s.fMinus();
    }
    double value = (plus ? s.plus() : s.minus())[output];
    if (!Double.isFinite(value)) {
      double step = plus ? s.step() : -s.step();
      ContractViolation violation =
          new ContractViolation.NonFiniteValue(
              objective.label(output), value, line.where(plus ? s.xPlus() : s.xMinus(), step));
      throw new Unresolvable(violation.describe(), violation);
    }
    return value;
  }

  /**
   * The central difference of this view at a random point nearby, with a step far smaller than the
   * move there (see {@link EntryLine#nearby}). Returns NaN when the function is not finite there.
   */
  double derivativeNearby(Neighbourhood neighbourhood, int sample) {
    EntryLine.Sample s = line.nearby(neighbourhood, sample, Math.scalb(line.baseStep(), shift - 4));
    double fPlus = output == SCALAR ? s.fPlus() : s.plus()[output];
    double fMinus = output == SCALAR ? s.fMinus() : s.minus()[output];
    double d = (fPlus - fMinus) / (s.xPlus() - s.xMinus());
    return Double.isFinite(d) ? d : Double.NaN;
  }
}
