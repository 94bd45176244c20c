package dev.gradcheck;

/**
 * How to perturb a parameter whose values are not of order one: its typical scale, and whether it
 * must stay positive. Steps are sized from {@code max(scale, |x|)} instead of {@code max(1, |x|)},
 * so that a variance of 1e-8 is moved by about 1e-13, not by 6e-6.
 *
 * <pre>{@code
 * check.param("variance", v, dv, Param.scale(1e-8).positive());
 * }</pre>
 *
 * @since 0.1
 */
public final class Param {

  private final double scale;
  private final boolean positive;

  private Param(double scale, boolean positive) {
    this.scale = scale;
    this.positive = positive;
  }

  /**
   * A parameter whose entries are typically of this magnitude.
   *
   * @param typical the typical magnitude of an entry: positive and finite
   * @return the options
   * @throws IllegalArgumentException when {@code typical} is not positive and finite
   */
  public static Param scale(double typical) {
    if (!(typical > 0 && typical < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "Param.scale needs a positive, finite typical magnitude, got %s".formatted(typical));
    }
    return new Param(typical, false);
  }

  /**
   * The same options for a parameter that must stay positive (a variance, a rate): no step moves an
   * entry to half its value or below.
   *
   * @return the options with the positive domain
   */
  public Param positive() {
    return new Param(scale, true);
  }

  /**
   * Returns the typical magnitude.
   *
   * @return the scale
   */
  public double typicalScale() {
    return scale;
  }

  /**
   * Returns whether the parameter must stay positive.
   *
   * @return {@code true} for a positive domain
   */
  public boolean isPositive() {
    return positive;
  }

  @Override
  public String toString() {
    return "Param.scale(" + scale + ")" + (positive ? ".positive()" : "");
  }
}
