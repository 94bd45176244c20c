package dev.gradcheck.samples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README true: every Java snippet in it appears, line for line (indentation aside), in
 * one of the example sources of this package, which compile and pass in this build.
 */
class ReadmeTests {

  private static final Path README = Path.of("..", "README.md");
  private static final Path EXAMPLES =
      Path.of("src", "test", "java", "dev", "gradcheck", "samples", "readme");

  private static final Path CONSUMER = Path.of("..", "examples", "maven-consumer");

  @Test
  void everyJavaSnippetIsCompiledAndTested() throws IOException {
    List<List<String>> snippets = snippets(Files.readAllLines(README), "```java");
    assertThat(snippets).hasSizeGreaterThanOrEqualTo(3);
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.add(Files.readAllLines(file).stream().map(String::trim).toList());
      }
    }
    for (List<String> snippet : snippets) {
      assertThat(sources)
          .as("README snippet not found in %s:%n%s", EXAMPLES, String.join("\n", snippet))
          .anySatisfy(source -> assertThat(containsRun(source, snippet)).isTrue());
    }
  }

  /** The POM snippet users paste is the build of the consumer project that CI runs. */
  @Test
  void pomSnippetIsTheConsumerProjectsBuild() throws IOException {
    List<List<String>> snippets = snippets(Files.readAllLines(README), "```xml");
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
    List<List<String>> snippets = snippets(Files.readAllLines(README), "```properties");
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

  private static List<List<String>> snippets(List<String> lines, String fence) {
    List<List<String>> snippets = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (line.equals(fence)) {
        current = new ArrayList<>();
      } else if (line.startsWith("```") && current != null) {
        snippets.add(current);
        current = null;
      } else if (current != null && !line.isBlank()) {
        current.add(line.trim());
      }
    }
    return snippets;
  }

  private static boolean containsRun(List<String> source, List<String> snippet) {
    List<String> code = source.stream().filter(l -> !l.isEmpty()).toList();
    for (int start = 0; start + snippet.size() <= code.size(); start++) {
      if (code.subList(start, start + snippet.size()).equals(snippet)) {
        return true;
      }
    }
    return false;
  }
}
