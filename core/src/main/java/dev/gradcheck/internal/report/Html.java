package dev.gradcheck.internal.report;

/** Escaping and small building blocks for self-contained HTML with inline SVG. */
final class Html {

  private Html() {}

  /** Escapes text for an HTML element or attribute. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Formats a coordinate with one decimal, locale-independent. */
  static String px(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
