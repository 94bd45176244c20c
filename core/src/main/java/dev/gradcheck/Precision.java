package dev.gradcheck;

/**
 * The floating-point precision in which a parameter is stored, and therefore the precision the
 * checker assumes the user's code computes in.
 *
 * <p>The precision chooses the finite-difference step ({@code cbrt(epsilon) * max(1, |x|)}) and the
 * rounding floor of every error estimate, so that {@code float} code gets steps and tolerances
 * suited to {@code float} instead of false alarms.
 *
 * <pre>{@code
 * Storage halves = new Storage() {
 *   // shape(), get(i), set(i, v) over the user's own tensor ...
 *   public Precision precision() { return Precision.FLOAT; } // held as float
 * };
 * }</pre>
 */
public enum Precision {
  /** IEEE 754 binary64, {@code double}. */
  DOUBLE(Math.ulp(1.0)),
  /** IEEE 754 binary32, {@code float}. */
  FLOAT(Math.ulp(1.0f));

  private final double epsilon;

  Precision(double epsilon) {
    this.epsilon = epsilon;
  }

  /**
   * Returns the machine epsilon: the distance from 1.0 to the next larger representable number.
   *
   * @return {@code 2^-52} for {@code DOUBLE}, {@code 2^-23} for {@code FLOAT}
   */
  public double epsilon() {
    return epsilon;
  }

  /**
   * Returns the coarser of two precisions.
   *
   * @param other another precision
   * @return {@code FLOAT} if either is {@code FLOAT}, otherwise {@code DOUBLE}
   */
  public Precision coarser(Precision other) {
    return epsilon >= other.epsilon ? this : other;
  }
}
