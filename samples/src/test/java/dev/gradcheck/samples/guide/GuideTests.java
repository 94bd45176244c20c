package dev.gradcheck.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.samples.Snippets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the user guide true: every Java snippet in it appears, line for line (indentation aside),
 * in one of the example sources of this package, which compile and pass in this build ({@link
 * Snippets}, as the README's are held by {@code readme.ReadmeTests}). The snippets keep the guide's
 * layout (aligned comments) in regions the formatter leaves alone (samples/pom.xml).
 */
class GuideTests {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path GUIDE = DOCS.resolve("user-guide.md");
  private static final Path EXAMPLES =
      Path.of("src", "test", "java", "dev", "gradcheck", "samples", "guide");

  /**
   * The documents under docs/ whose Java snippets are not held to compile, and why. Any other
   * document with a Java snippet fails {@link #noOtherDocumentHasUncheckedJavaSnippets}.
   */
  private static final Map<String, String> NOT_HELD =
      Map.of(
          "commons-math3-parametric.md",
          "quotes lines of commons-math3 3.6.1's own source (Gaussian, Logit.Parametric) to show"
              + " its bugs: another project's code, out of its context, not gradcheck's API");

  @Test
  void everyJavaSnippetIsCompiledAndTested() throws IOException {
    assertThat(Snippets.assertJavaSnippetsIn(GUIDE, EXAMPLES)).isEqualTo(9);
  }

  @Test
  void noOtherDocumentHasUncheckedJavaSnippets() throws IOException {
    List<Path> documents;
    try (Stream<Path> files = Files.list(DOCS)) {
      documents = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
    }
    assertThat(documents).contains(GUIDE);
    for (Path document : documents) {
      String name = document.getFileName().toString();
      boolean hasJava = !Snippets.of(Files.readAllLines(document), "```java").isEmpty();
      if (document.equals(GUIDE) || NOT_HELD.containsKey(name)) {
        assertThat(hasJava).as("%s has Java snippets (else drop it from this test)", name).isTrue();
      } else {
        assertThat(hasJava)
            .as("%s has Java snippets: hold them as the guide's are, or list it in NOT_HELD", name)
            .isFalse();
      }
    }
  }
}
