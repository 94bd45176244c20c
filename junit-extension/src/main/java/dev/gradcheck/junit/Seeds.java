package dev.gradcheck.junit;

import java.util.Locale;

/** Seed arithmetic: deriving point seeds, and reading and writing seeds as users type them. */
final class Seeds {

  private Seeds() {}

  /**
   * Mixes two values into a well-spread seed (the finaliser of SplitMix64), never returning {@link
   * GradCheck#UNSET_SEED}.
   */
  static long mix(long a, long b) {
    long z = a + 0x9E3779B97F4A7C15L * (b + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return z == GradCheck.UNSET_SEED ? 0 : z;
  }

  /**
   * The seed of point {@code index}: the first point uses the base seed itself, so that a reported
   * seed reproduces its point when set with the default of one point.
   */
  static long point(long base, int index) {
    return index == 0 ? base : mix(base, index);
  }

  /** Parses a seed written in decimal or as {@code 0x...} hexadecimal, with an optional L. */
  static long parse(String text) {
    String t = text.trim().replace("_", "");
    if (t.endsWith("L") || t.endsWith("l")) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return Long.parseUnsignedLong(t.substring(2), 16);
    }
    if (t.startsWith("-0x") || t.startsWith("-0X")) {
      return -Long.parseUnsignedLong(t.substring(3), 16);
    }
    return Long.parseLong(t);
  }

  /** Formats a seed as a Java long literal, the way it is pasted back into an annotation. */
  static String literal(long seed) {
    return "0x" + Long.toHexString(seed).toUpperCase(Locale.ROOT) + "L";
  }
}
