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

  @Test
  void everyJavaSnippetIsCompiledAndTested() throws IOException {
    List<List<String>> snippets = javaSnippets(Files.readAllLines(README));
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

  private static List<List<String>> javaSnippets(List<String> lines) {
    List<List<String>> snippets = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (line.startsWith("```java")) {
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
