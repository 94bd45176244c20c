package dev.gradcheck.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The snippets of a Markdown document, and the rule that holds its Java snippets true: each one
 * appears, line for line (indentation and blank lines aside), in one of the example sources of a
 * package, which compile and run as tests in this build.
 */
public final class Snippets {

  private Snippets() {}

  /**
   * The code blocks of a document that open with a fence, each as its non-blank lines, trimmed.
   *
   * @param lines the document's lines
   * @param fence the opening fence, such as {@code ```java}
   * @return the blocks, in document order
   */
  public static List<List<String>> of(List<String> lines, String fence) {
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

  /**
   * Asserts that every Java snippet of a document is a run of consecutive lines (trimmed, blank
   * lines skipped) of one of the {@code .java} files in a directory.
   *
   * @param document the Markdown document
   * @param examples the directory of the example sources that hold its snippets
   * @return the number of Java snippets held, for the caller to check against what it expects
   * @throws IOException when a file cannot be read
   */
  public static int assertJavaSnippetsIn(Path document, Path examples) throws IOException {
    List<List<String>> snippets = of(Files.readAllLines(document), "```java");
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(examples)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        sources.add(Files.readAllLines(file).stream().map(String::trim).toList());
      }
    }
    assertThat(sources).as("example sources in %s", examples).isNotEmpty();
    for (List<String> snippet : snippets) {
      assertThat(sources)
          .as(
              "%s snippet not found in %s:%n%s",
              document.getFileName(), examples, String.join("\n", snippet))
          .anySatisfy(source -> assertThat(containsRun(source, snippet)).isTrue());
    }
    return snippets.size();
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
