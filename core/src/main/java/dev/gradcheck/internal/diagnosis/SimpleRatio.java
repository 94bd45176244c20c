package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape.Ratio;
import java.util.Optional;

/** Names a factor as a simple ratio: an integer, a reciprocal, or a fraction of small terms. */
final class SimpleRatio {

  private static final double CLOSE = 1e-6;
  private static final int LARGEST = 4096;
  private static final int SMALL = 12;

  private SimpleRatio() {}

  /** Returns {@code k}, {@code 1/k} or {@code p/q} when the factor is that close, else empty. */
  static Optional<Ratio> of(double factor) {
    return near(factor, CLOSE);
  }

  /**
   * Returns the simple ratio within {@code close} (relative) of the factor, if any: a candidate
   * that the caller confirms against each entry's own tolerance, which is loose in float.
   */
  static Optional<Ratio> near(double factor, double close) {
    double f = Math.abs(factor);
    if (f == 0 || !Double.isFinite(f)) {
      return Optional.empty();
    }
    long s = factor < 0 ? -1 : 1;
    long k = Math.round(f);
    if (k >= 1 && k <= LARGEST && Math.abs(f - k) <= close * f) {
      return Optional.of(new Ratio(s * k, 1));
    }
    long r = Math.round(1 / f);
    if (r >= 2 && r <= LARGEST && Math.abs(f * r - 1) <= close) {
      return Optional.of(new Ratio(s, r));
    }
    for (int q = 2; q <= SMALL; q++) {
      long p = Math.round(f * q);
      if (p >= 1 && p <= SMALL && Math.abs(f - (double) p / q) <= close * f && gcd(p, q) == 1) {
        return Optional.of(new Ratio(s * p, q));
      }
    }
    return Optional.empty();
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
