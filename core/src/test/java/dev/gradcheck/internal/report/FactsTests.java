package dev.gradcheck.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FactsTests {

  @Test
  void keysArePaddedToOneWidth() {
    List<String> lines =
        new Facts("headline")
            .add("seed", "0x1")
            .add("worst entry", "W[2][0]")
            .add("a", "b")
            .render()
            .lines()
            .toList();

    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("headline");
    int colon = "worst entry ".length();
    assertThat(lines.subList(1, 4)).allSatisfy(l -> assertThat(l.indexOf(':')).isEqualTo(colon));
    assertThat(lines.get(1)).startsWith("seed ").endsWith(": 0x1");
    assertThat(lines.get(2)).isEqualTo("worst entry : W[2][0]");
  }

  @Test
  void blockValuesAreIndentedFourSpacesBelowTheirKey() {
    List<String> lines =
        new Facts("h")
            .add("key", "v")
            .addBlock("entries", List.of("first", "second"))
            .add("last", "x")
            .render()
            .lines()
            .toList();

    assertThat(lines)
        .containsExactly("h", "key     : v", "entries :", "    first", "    second", "last    : x");
    assertThat(String.join("\n", lines)).doesNotContain("\t");
  }

  @Test
  void headlineAloneRendersAlone() {
    assertThat(new Facts("only").render()).isEqualTo("only");
  }

  @Test
  void alignDecimalsLinesUpThePoints() {
    List<String> aligned = Facts.alignDecimals(List.of("1.5", "-10.25", "3", "0.001", "2e-05"));

    assertThat(aligned).hasSize(5);
    assertThat(aligned).extracting(String::length).containsOnly(aligned.get(0).length());
    int point = aligned.get(0).indexOf('.');
    assertThat(aligned.get(1).indexOf('.')).isEqualTo(point);
    assertThat(aligned.get(3).indexOf('.')).isEqualTo(point);
    // An integer ends where the point would be; so does the mantissa of a bare exponent.
    assertThat(aligned.get(2).indexOf('3')).isEqualTo(point - 1);
    assertThat(aligned.get(4).indexOf('e')).isEqualTo(point);
    assertThat(aligned)
        .extracting(String::strip)
        .containsExactly("1.5", "-10.25", "3", "0.001", "2e-05");
  }

  @Test
  void tablePadsColumnsToTheirWidth() {
    List<String> lines =
        Facts.table(List.of(List.of("W[0]", "1.5", "PASS"), List.of("W[10][2]", "-0.25", "FAIL")));

    assertThat(lines.get(0).indexOf("1.5")).isEqualTo(lines.get(1).indexOf("-0.25"));
    assertThat(lines.get(0).indexOf("PASS")).isEqualTo(lines.get(1).indexOf("FAIL"));
    assertThat(lines).allSatisfy(l -> assertThat(l).doesNotEndWith(" "));
  }
}
