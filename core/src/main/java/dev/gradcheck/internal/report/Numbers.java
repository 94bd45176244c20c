package dev.gradcheck.internal.report;

import java.util.Locale;

/** How numbers appear in messages: values to five significant digits, errors in scientific form. */
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

  /** Formats a seed as hexadecimal, the way users write it back in an annotation. */
  public static String seed(long seed) {
    return "0x" + Long.toHexString(seed).toUpperCase(Locale.ROOT);
  }

  private static String trimZeros(String s) {
    if (!s.contains(".")) {
      return s;
    }
    String t = s.replaceAll("0+$", "");
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }
}
