package dev.gradcheck.internal.numeric;

import java.util.Arrays;

/**
 * Estimates the noise level of a function from its values at equally spaced points along a line,
 * after Moré and Wild, "Estimating computational noise" (SIAM J. Sci. Comput. 33(3), 2011).
 *
 * <p>The k-th forward difference of a smooth function with a small spacing is tiny, while the k-th
 * difference of independent noise of standard deviation σ has variance {@code σ² (2k)! / (k!)²}.
 * Scaling the mean square difference by {@code γ_k = (k!)² / (2k)!} therefore estimates σ² at every
 * order where noise dominates.
 *
 * <p>Two departures from Moré and Wild. A kink on the line, such as a ReLU unit crossing zero,
 * corrupts the k differences of order k whose stencils straddle it, and must not pass for noise
 * that would then excuse a wrong gradient: we drop the k largest squares before averaging, and
 * divide by the expectation of that trimmed mean for Gaussian noise (measured by simulation) so the
 * estimate stays unbiased. A median would also resist kinks, but reads zero on the staircase of a
 * float computation that changes only every few points, where the noise is real.
 */
public final class NoiseEstimator {

  /** Points a noise probe evaluates, including the centre; odd. */
  public static final int POINTS = 15;

  private static final int MIN_ORDER = 3;
  private static final int MAX_ORDER = 4;

  /**
   * {@code E[γ_k · trimmed mean of squares]} for unit Gaussian noise at {@link #POINTS} points,
   * orders 3 and 4: 200,000 simulated lines each.
   */
  private static final double[] TRIMMED_EXPECTATION = {0.4719, 0.3596};

  /** A third difference below this many units in the values' last place is their own rounding. */
  private static final double ROUNDING_ULPS = 16;

  /** A grid this many times finer than a step's change is rounding's, not exact arithmetic's. */
  private static final double FINE_GRID = 64;

  private NoiseEstimator() {}

  /**
   * Returns the noise level and whether the differences look like noise: the estimates of orders 3
   * and 4 agree within a factor of four, as independent noise makes them, where the smooth part of
   * a function that varies on the scale of the spacing makes each order much larger than the last
   * (Moré and Wild's test, which tells the caller to try a smaller spacing).
   *
   * @param values function values at {@link #POINTS} equally spaced points
   * @return {σ, 1 when the differences look like noise, else 0}
   */
  public static double[] estimate(double[] values) {
    if (values.length != POINTS) {
      throw new IllegalArgumentException("expected " + POINTS + " values, got " + values.length);
    }
    double[] diff = values.clone();
    double[] byOrder = new double[MAX_ORDER - MIN_ORDER + 1];
    double gamma = 1.0;
    for (int order = 1; order <= MAX_ORDER; order++) {
      int count = POINTS - order;
      double[] squares = new double[count];
      for (int i = 0; i < count; i++) {
        diff[i] = diff[i + 1] - diff[i];
        squares[i] = diff[i] * diff[i];
      }
      gamma *= order / (2.0 * (2 * order - 1));
      if (order >= MIN_ORDER) {
        Arrays.sort(squares);
        int kept = count - order;
        double sum = 0;
        for (int i = 0; i < kept; i++) {
          sum += squares[i];
        }
        double variance = gamma * (sum / kept) / TRIMMED_EXPECTATION[order - MIN_ORDER];
        byOrder[order - MIN_ORDER] = Math.sqrt(variance);
      }
    }
    double low = Math.min(byOrder[0], byOrder[1]);
    double high = Math.max(byOrder[0], byOrder[1]);
    boolean noiseLike = high <= 4 * low || high == 0;
    return new double[] {high, noiseLike ? 1 : 0};
  }

  /**
   * Whether values along a line are exactly polynomial in most places: at least half of their third
   * differences are exactly zero, while the values are not all equal. Rounding does that only when
   * it is locked to the spacing (a coarse grid that the spacing is a multiple of) or absent (a
   * function exact along the line); either way, the differences tell nothing of the rounding at
   * other steps.
   *
   * @param values function values at equally spaced points
   * @return whether they are locked
   */
  public static boolean locked(double[] values) {
    double[] diff = values.clone();
    boolean changes = false;
    for (int i = 1; i < values.length; i++) {
      changes |= values[i] != values[0];
    }
    int n = values.length;
    for (int order = 1; order <= 3; order++) {
      n--;
      for (int i = 0; i < n; i++) {
        diff[i] = diff[i + 1] - diff[i];
      }
    }
    double largest = 0;
    for (double v : values) {
      largest = Math.max(largest, Math.abs(v));
    }
    int zeros = 0;
    for (int i = 0; i < n; i++) {
      if (diff[i] == 0) {
        zeros++;
      } else if (Math.abs(diff[i]) < ROUNDING_ULPS * Math.ulp(largest)) {
        return false; // the values' own rounding shows, a few units in their last place
      }
    }
    return changes && 2 * zeros >= n;
  }

  /**
   * Whether values are {@link #locked} on a grid far finer than each step's change: the mark of
   * large values' rounding cancelled down in step with the spacing. Values exact along the line
   * ({@code x0 + c}) move by whole multiples of a grid about as coarse as a step's change, and
   * their probe is the truth.
   *
   * @param values function values at equally spaced points
   * @return whether the rounding, not exact arithmetic, is locked to the spacing
   */
  public static boolean lockedOnFineGrid(double[] values) {
    if (!locked(values)) {
      return false;
    }
    // The largest move from the middle per step: an output at its extremum (c + |x - a|^2 at a)
    // moves as much as a sloped one, though its ends meet.
    double centre = values[values.length / 2];
    double change = 0;
    for (int j = 0; j < values.length; j++) {
      int steps = Math.abs(j - values.length / 2);
      if (steps > 0) {
        change = Math.max(change, Math.abs(values[j] - centre) / steps);
      }
    }
    return grid(values) * FINE_GRID <= change;
  }

  /**
   * The grid the values lie on: the largest power of two that divides the difference of every value
   * from the middle one, zero when they are all equal. Values computed as the small difference of
   * large ones (a bound of 1e5 cancelled down to an output of 100) lie on the large ones' grid, far
   * coarser than their own unit in the last place; rounding is then that grid's, whether or not the
   * differences of a few points show it. Meaningful only for points that lie on no power-of-two
   * grid themselves: a function exact along such a grid would seem to round at it.
   *
   * @param values function values along a line
   * @return the grid's spacing
   */
  public static double grid(double[] values) {
    double centre = values[values.length / 2];
    double grid = 0;
    for (double v : values) {
      double d = Math.abs(v - centre);
      if (d != 0 && Double.isFinite(d)) {
        double lowest = lowestBit(d);
        grid = grid == 0 ? lowest : Math.min(grid, lowest);
      }
    }
    return grid;
  }

  /** The value of the lowest set bit of a positive finite double. */
  private static double lowestBit(double d) {
    long bits = Double.doubleToRawLongBits(d);
    int exponent = (int) ((bits >>> 52) & 0x7FF);
    long mantissa = bits & 0xFFFFFFFFFFFFFL;
    if (exponent != 0) {
      mantissa |= 1L << 52;
    } else {
      exponent = 1; // subnormal
    }
    return Math.scalb(1.0, exponent - 1075 + Long.numberOfTrailingZeros(mantissa));
  }
}
