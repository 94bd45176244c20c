package dev.gradcheck.samples;

/** Plain-text layout the demos share. */
public final class Text {

  private Text() {}

  /**
   * Wraps text at word boundaries into lines of at most {@code width} characters (a longer word
   * stands on a line of its own).
   *
   * @param text the text, words separated by single spaces
   * @param width the most characters per line
   * @return the wrapped text, lines separated by {@code \n}
   */
  public static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    int column = 0;
    for (String word : text.split(" ")) {
      if (column + word.length() > width) {
        out.append('\n');
        column = 0;
      } else if (column > 0) {
        out.append(' ');
        column++;
      }
      out.append(word);
      column += word.length();
    }
    return out.toString();
  }
}
