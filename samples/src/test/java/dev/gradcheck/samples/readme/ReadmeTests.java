package dev.gradcheck.samples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.samples.Snippets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README true: every Java snippet in it appears, line for line (indentation aside), in
 * one of the example sources of this package, which compile and pass in this build ({@link
 * Snippets}; the user guide's are held the same way by {@code guide.GuideTests}).
 */
class ReadmeTests {

  private static final Path README = Path.of("..", "README.md");
  private static final Path EXAMPLES =
      Path.of("src", "test", "java", "dev", "gradcheck", "samples", "readme");

  private static final Path CONSUMER = Path.of("..", "examples", "maven-consumer");

  @Test
  void everyJavaSnippetIsCompiledAndTested() throws IOException {
    assertThat(Snippets.assertJavaSnippetsIn(README, EXAMPLES)).isGreaterThanOrEqualTo(3);
  }

  /** The POM snippet users paste is the build of the consumer project that CI runs. */
  @Test
  void pomSnippetIsTheConsumerProjectsBuild() throws IOException {
    List<List<String>> snippets = Snippets.of(Files.readAllLines(README), "```xml");
    assertThat(snippets).hasSize(1);
    List<String> pom = Files.readAllLines(CONSUMER.resolve("pom.xml"));
    int begin = pom.indexOf("  <!-- readme:begin -->");
    int end = pom.indexOf("  <!-- readme:end -->");
    assertThat(begin).isNotNegative().isLessThan(end);
    List<String> block =
        pom.subList(begin + 1, end).stream().filter(l -> !l.isBlank()).map(String::trim).toList();
    assertThat(snippets.get(0)).containsExactlyElementsOf(block);
  }

  /** The junit-platform.properties snippet is the consumer project's file. */
  @Test
  void propertiesSnippetIsTheConsumerProjectsFile() throws IOException {
    List<List<String>> snippets = Snippets.of(Files.readAllLines(README), "```properties");
    assertThat(snippets).hasSize(1);
    List<String> file =
        Files.readAllLines(
                CONSUMER.resolve(Path.of("src", "test", "resources", "junit-platform.properties")))
            .stream()
            .filter(l -> !l.isBlank())
            .map(String::trim)
            .toList();
    assertThat(snippets.get(0)).containsExactlyElementsOf(file);
  }

  /** The consumer (and so the README) asks for the version this build makes. */
  @Test
  void consumerDependsOnThisBuildsVersion() throws IOException {
    String pom = Files.readString(CONSUMER.resolve("pom.xml"));
    String version = System.getProperty("gradcheck.version");
    assertThat(version).as("system property gradcheck.version").isNotBlank();
    assertThat(pom)
        .contains(
            "<artifactId>gradcheck-junit-jupiter</artifactId>\n      <version>"
                + version
                + "</version>");
  }

  /** The BOM the README names (it has no parent, so its version is written out) is this one's. */
  @Test
  void bomHasThisBuildsVersion() throws IOException {
    String bom = Files.readString(Path.of("..", "bom", "pom.xml"));
    assertThat(bom)
        .contains(
            "<artifactId>gradcheck-bom</artifactId>\n  <version>"
                + System.getProperty("gradcheck.version")
                + "</version>");
    assertThat(Files.readString(README)).contains("dev.gradcheck:gradcheck-bom");
  }
}
