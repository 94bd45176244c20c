package dev.gradcheck.internal.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A headline followed by {@code key: value} facts, keys padded to one width and multi-line values
 * indented by four spaces on the lines below their key.
 */
public final class Facts {

  /** A fact: one line of text, or a block of lines written below its key. */
  private record Fact(String key, String line, List<String> block) {}

  private final String headline;
  private final List<Fact> facts = new ArrayList<>();

  /** Starts a list of facts under a headline. */
  public Facts(String headline) {
    this.headline = headline;
  }

  /** Adds a fact. */
  public Facts add(String key, String value) {
    facts.add(new Fact(key, value, List.of()));
    return this;
  }

  /** Adds a fact whose value is a block of lines, written below the key. */
  public Facts addBlock(String key, List<String> lines) {
    facts.add(new Fact(key, null, List.copyOf(lines)));
    return this;
  }

  /** Renders the headline and the facts. */
  public String render() {
    int width = facts.stream().mapToInt(f -> f.key().length()).max().orElse(0);
    StringBuilder out = new StringBuilder(headline);
    for (Fact fact : facts) {
      out.append('\n')
          .append(fact.key())
          .append(" ".repeat(width - fact.key().length()))
          .append(" :");
      if (fact.line() == null) {
        fact.block().forEach(line -> out.append("\n    ").append(line));
      } else {
        out.append(' ').append(fact.line());
      }
    }
    return out.toString();
  }

  /**
   * Pads numbers rendered as text so that their decimal points (or their ends, for integers) line
   * up in one column.
   */
  public static List<String> alignDecimals(List<String> numbers) {
    int left = 0;
    int right = 0;
    for (String n : numbers) {
      int point = pointOf(n);
      left = Math.max(left, point);
      right = Math.max(right, n.length() - point);
    }
    List<String> aligned = new ArrayList<>(numbers.size());
    for (String n : numbers) {
      int point = pointOf(n);
      String padded = " ".repeat(left - point) + n;
      aligned.add(padded + " ".repeat(right - (n.length() - point)));
    }
    return aligned;
  }

  /** Pads every cell of a column to the column's width. */
  public static List<String> table(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    List<String> lines = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        line.append(cell);
        if (c < row.size() - 1) {
          line.append(" ".repeat(width[c] - cell.length() + 2));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  private static int pointOf(String n) {
    int point = n.indexOf('.');
    if (point >= 0) {
      return point;
    }
    int exponent = n.indexOf('e');
    return exponent >= 0 ? exponent : n.length();
  }
}
