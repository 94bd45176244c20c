package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of core's dependencies, read from its sources: no JUnit; internals that depend on the
 * API's value types but never on its facade (so the facade is the one way in); internal packages
 * that depend on each other without a circle.
 */
class ArchitectureTests {

  private static final Path MAIN = Path.of("src", "main", "java");

  /** The facade: what users call, and what calls into the internals. */
  private static final List<String> FACADE =
      List.of("GradientCheck", "LossCheck", "OutputCheck", "Report", "CommonsMath", "RandomArrays");

  private static final Pattern INTERNAL_REFERENCE =
      Pattern.compile("dev\\.gradcheck\\.internal\\.([a-z]+)");

  private static Map<Path, String> sources() throws IOException {
    Map<Path, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.put(MAIN.relativize(file), Files.readString(file));
      }
    }
    assertThat(sources).hasSizeGreaterThan(50);
    return sources;
  }

  @Test
  void coreNeverUsesJUnit() throws IOException {
    sources()
        .forEach((file, text) -> assertThat(text).as(file.toString()).doesNotContain("org.junit"));
  }

  @Test
  void internalsNeverCallTheFacade() throws IOException {
    List<String> calls = new ArrayList<>();
    sources()
        .forEach(
            (file, text) -> {
              if (!file.toString().contains("internal")) {
                return;
              }
              for (String facade : FACADE) {
                if (text.contains("import dev.gradcheck." + facade + ";")
                    || text.contains("dev.gradcheck." + facade + ".")) {
                  calls.add(file + " -> " + facade);
                }
              }
            });
    assertThat(calls).isEmpty();
  }

  @Test
  void internalPackagesDependOnEachOtherWithoutACircle() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    sources()
        .forEach(
            (file, text) -> {
              Path parent = file.getParent();
              String name = parent.getFileName().toString();
              if (!parent.toString().contains("internal")) {
                return;
              }
              Set<String> uses = graph.computeIfAbsent(name, k -> new TreeSet<>());
              Matcher m = INTERNAL_REFERENCE.matcher(text);
              while (m.find()) {
                if (!m.group(1).equals(name)) {
                  uses.add(m.group(1));
                }
              }
            });
    assertThat(graph).containsKeys("run", "storage", "diagnosis", "report", "result", "numeric");
    List<String> circle = findCircle(graph);
    assertThat(circle).as("internal packages %s", graph).isEmpty();
  }

  /** A circle in the graph as the packages along it, or empty. */
  private static List<String> findCircle(Map<String, Set<String>> graph) {
    Set<String> done = new HashSet<>();
    for (String start : graph.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> found = visit(start, graph, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String node, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
    if (path.contains(node)) {
      List<String> circle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      circle.add(node);
      return circle;
    }
    if (done.contains(node)) {
      return List.of();
    }
    path.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      List<String> found = visit(next, graph, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    done.add(node);
    return List.of();
  }

  /** Lines a main class may have before its class comment must say why it is one class. */
  private static final int LONG_CLASS = 300;

  @Test
  void everyLongClassSaysWhyItIsOneClass() throws IOException {
    List<String> unexplained = new ArrayList<>();
    sources()
        .forEach(
            (file, text) -> {
              Matcher type = TOP_LEVEL_TYPE.matcher(text);
              String head = type.find() ? text.substring(0, type.start()) : text;
              String classComment = head.substring(Math.max(0, head.lastIndexOf("/**")));
              if (text.lines().count() > LONG_CLASS && !classComment.contains("<p>(")) {
                unexplained.add(file.toString());
              }
            });
    assertThat(unexplained)
        .as("classes over %d lines without a <p>(...) note in their class comment", LONG_CLASS)
        .isEmpty();
  }

  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile(
          "^(public |final |abstract |sealed |non-sealed )*(class|interface|record|enum) ",
          Pattern.MULTILINE);
}
