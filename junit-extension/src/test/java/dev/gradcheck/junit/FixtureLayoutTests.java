package dev.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Maven Surefire runs top-level classes named {@code *TestCase}, but excludes nested classes
 * ({@code **}{@code /*$*}). Our deliberately broken fixtures must therefore all be nested, or the
 * build would run them on their own and fail.
 */
class FixtureLayoutTests {

  @Test
  void everyFixtureIsANestedClass() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            FixtureLayoutTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> fixtures;
    try (Stream<Path> files = Files.walk(classes)) {
      fixtures =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith("TestCase.class"))
              .toList();
    }
    assertThat(fixtures).hasSizeGreaterThan(10).allMatch(n -> n.contains("$"));
  }
}
