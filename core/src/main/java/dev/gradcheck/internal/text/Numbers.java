package dev.gradcheck.internal.text;

import java.util.Locale;

/**
 * How numbers appear in every message and report of both modules: one format per kind of number.
 *
 * <ul>
 *   <li>{@link #value}: a derivative, a loss or a parameter value as measured, to five significant
 *       digits; {@link #distinct} when two values must look different.
 *   <li>{@link #error}: an error, a tolerance, a noise level, a ratio or a fitted coefficient, in
 *       scientific form to two significant digits: no more than such an estimate supports.
 *   <li>{@link #exact}: a value the user's code holds or was given, where every bit counts (what a
 *       storage returned, what could not be perturbed): Java's shortest round-trip form.
 *   <li>{@link #percent}: a fraction, as a percentage to one decimal.
 *   <li>{@link #seed}: a seed, as the Java literal users paste back.
 * </ul>
 *
 * Counts are plain integers.
 */
public final class Numbers {

  private Numbers() {}

  /**
   * Formats a value with five significant digits, such as {@code -0.41233} or {@code 1.2346e+07}.
   */
  public static String value(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == 0) {
      return Math.copySign(1.0, v) < 0 ? "-0" : "0";
    }
    double magnitude = Math.abs(v);
    if (magnitude >= 1e-4 && magnitude < 1e6) {
      String s = String.format(Locale.ROOT, "%.5g", v);
      return s.contains("e") ? s : trimZeros(s);
    }
    return String.format(Locale.ROOT, "%.4e", v);
  }

  /**
   * Formats two values that differ so that the difference shows: five significant digits when they
   * tell the values apart, every digit otherwise.
   */
  public static String[] distinct(double a, double b) {
    String x = value(a);
    String y = value(b);
    return x.equals(y) && Double.compare(a, b) != 0
        ? new String[] {Double.toString(a), Double.toString(b)}
        : new String[] {x, y};
  }

  /** Formats an error or tolerance in scientific notation with two significant digits. */
  public static String error(double e) {
    if (Double.isNaN(e) || Double.isInfinite(e)) {
      return Double.toString(e);
    }
    return String.format(Locale.ROOT, "%.1e", e);
  }

  /**
   * Formats a value exactly, as Java's shortest form that reads back to the same double, such as
   * {@code 0.1} or {@code 0.10000000149011612}.
   */
  public static String exact(double v) {
    return Double.toString(v);
  }

  /** Formats a fraction as a percentage, {@code 50%} or {@code 99.9%}. */
  public static String percent(double fraction) {
    double p = 100 * fraction;
    return (p == Math.rint(p)
            ? Long.toString(Math.round(p))
            : String.format(Locale.ROOT, "%.1f", p))
        + "%";
  }

  /**
   * Formats a seed as the Java long literal users paste back into {@code seed(...)} or an
   * annotation, such as {@code 0x5A3C91L}.
   */
  public static String seed(long seed) {
    return "0x%sL".formatted(Long.toHexString(seed).toUpperCase(Locale.ROOT));
  }

  private static String trimZeros(String s) {
    if (!s.contains(".")) {
      return s;
    }
    String t = s.replaceAll("0+$", "");
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }
}
