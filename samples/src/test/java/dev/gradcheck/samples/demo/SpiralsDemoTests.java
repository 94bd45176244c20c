package dev.gradcheck.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo trains every variant, and gradcheck tells each planted bug for what it is. */
class SpiralsDemoTests {

  @TempDir static Path directory;
  private static List<Variant> variants;
  private static String printed;

  @BeforeAll
  static void runTheDemo() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    variants = SpiralsDemo.run(directory, new PrintStream(out, true, StandardCharsets.UTF_8));
    printed = out.toString(StandardCharsets.UTF_8);
  }

  private static Variant variant(PlantedBug bug) {
    return variants.stream().filter(v -> v.bug() == bug).findFirst().orElseThrow();
  }

  private static Diagnosis likelyBug(PlantedBug bug) {
    assertThat(variant(bug).check().passed()).as(bug.description()).isFalse();
    return variant(bug).check().diagnoses().get(0);
  }

  @Test
  void theCorrectBackwardTrainsAndPasses() {
    Variant correct = variant(PlantedBug.NONE);
    assertThat(correct.check().passed()).isTrue();
    assertThat(correct.check().diagnoses()).isEmpty();
    assertThat(correct.training().accuracy()).isGreaterThanOrEqualTo(0.95);
    assertThat(correct.training().finalLoss()).isLessThan(correct.training().losses()[0] / 5);
  }

  @Test
  void everyPlantedBugIsCaughtAndNamed() {
    assertThat(likelyBug(PlantedBug.SIGN_FLIP))
        .satisfies(d -> assertThat(d.parameter()).contains("b2"))
        .satisfies(d -> assertThat(d.shape()).isInstanceOf(BugShape.SignFlip.class));
    assertThat(likelyBug(PlantedBug.HALF_SCALE))
        .satisfies(d -> assertThat(d.parameter()).contains("W1"))
        .satisfies(
            d ->
                assertThat(d.shape())
                    .isInstanceOfSatisfying(
                        BugShape.Scaled.class,
                        s -> assertThat(s.ratio()).map(BugShape.Ratio::toString).contains("1/2")));
    assertThat(likelyBug(PlantedBug.MISSING_TERM))
        .satisfies(d -> assertThat(d.parameter()).contains("W2"))
        .satisfies(
            d ->
                assertThat(d.shape())
                    .isInstanceOfSatisfying(
                        BugShape.ProportionalTerm.class,
                        t ->
                            assertThat(t.coefficient())
                                .isCloseTo(
                                    -2 * Mlp.DECAY,
                                    org.assertj.core.data.Percentage.withPercentage(1))));
    assertThat(likelyBug(PlantedBug.TRANSPOSED))
        .satisfies(d -> assertThat(d.parameter()).contains("W2"))
        .satisfies(d -> assertThat(d.shape()).isInstanceOf(BugShape.Transposed.class));
    assertThat(likelyBug(PlantedBug.ACCUMULATING))
        .satisfies(d -> assertThat(d.parameter()).contains("W1"))
        .satisfies(d -> assertThat(d.shape()).isInstanceOf(BugShape.Accumulating.class));
  }

  @Test
  void mostBuggyVariantsStillTrain() {
    double correct = variant(PlantedBug.NONE).training().accuracy();
    long stillTrain =
        variants.stream()
            .filter(v -> v.bug() != PlantedBug.NONE)
            .filter(v -> v.training().accuracy() >= correct - 0.05)
            .count();
    // The point of the demo: accuracy alone does not reveal these bugs.
    assertThat(stillTrain).isGreaterThanOrEqualTo(3);
  }

  @Test
  void pageAndTableShowEveryVariant() throws IOException {
    String page = Files.readString(directory.resolve("index.html"));
    assertThat(page).contains("<svg").doesNotContain("<script").doesNotContain("http");
    for (Variant v : variants) {
      assertThat(printed).contains(v.bug().description());
      assertThat(page).contains("href=\"" + v.report() + "\"");
      assertThat(directory.resolve(v.report())).exists();
    }
    assertThat(printed).contains("gradcheck flags 5 of 5");
  }

  /**
   * README shows the demo's table: it must be what the demo prints, row for row (a row that README
   * cuts short with "(…)" starts as the printed one does).
   */
  @Test
  void readmeShowsTheTableTheDemoPrints() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
    int header = 0;
    while (!readme.get(header).startsWith("variant ")) {
      header++;
    }
    List<String> lines = printed.lines().map(String::stripTrailing).toList();
    int at = 0;
    for (String shown : readme.subList(header, header + variants.size() + 1)) {
      String row = shown.stripTrailing();
      String start = row.endsWith(" (…)") ? row.substring(0, row.length() - 4) : null;
      while (at < lines.size()
          && !(start == null ? lines.get(at).equals(row) : lines.get(at).startsWith(start))) {
        at++;
      }
      assertThat(at)
          .as("README row not printed by the demo, in order: %s", row)
          .isLessThan(lines.size());
    }
  }
}
