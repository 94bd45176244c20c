package dev.gradcheck.samples.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;
import dev.gradcheck.samples.TestKit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * Runs bug-zoo fixtures through the JUnit Platform, the way a user's build runs them, and reads
 * their failures back into facts, so that the zoo asserts structure rather than whole strings.
 */
final class Zoo {

  /**
   * The seeds every buggy fixture runs with besides its pinned one, through the configuration
   * parameter {@code gradcheck.seed}: its diagnosis must not depend on the random point.
   */
  static final List<Long> SEEDS = List.of(0x1L, 0x2AL, 0x1350A5EL, 0xC0FFEEL, 0x9E3779B97F4A7C15L);

  private static final String PINNED = "pinned";
  private static final String ANY_SEED = "anySeed";
  private static final Pattern FACT = Pattern.compile("^(\\S.*?)\\s* : ?(.*)$");
  private static final Pattern CONTINUED = Pattern.compile("^\\s+ : ?(.*)$");

  private Zoo() {}

  /**
   * A buggy fixture: a subclass declares the check once in {@link #declare} and adds a method
   * {@code @GradCheck(seed = ...) void pinned(GradientCheck check)} that calls it. The inherited
   * {@link #anySeed} has no seed of its own, so that {@code gradcheck.seed} reaches it (an
   * annotation's seed wins over configuration parameters).
   */
  abstract static class Fixture {

    abstract void declare(GradientCheck check);

    @GradCheck
    void anySeed(GradientCheck check) {
      declare(check);
    }
  }

  /** The failure of one run of a fixture, read back into its headline and facts. */
  record Failure(String run, String message, String headline, Map<String, List<String>> facts) {

    static Failure of(String run, String message) {
      List<String> lines = message.lines().toList();
      Map<String, List<String>> facts = new LinkedHashMap<>();
      String last = null;
      for (String line : lines.subList(1, lines.size())) {
        Matcher continued = CONTINUED.matcher(line);
        Matcher fact = FACT.matcher(line);
        if (continued.matches() && last != null) {
          facts.get(last).add(continued.group(1).trim());
        } else if (!line.startsWith(" ") && fact.matches()) {
          last = fact.group(1).trim();
          facts.computeIfAbsent(last, k -> new ArrayList<>()).add(fact.group(2).trim());
        }
      }
      return new Failure(run, message, lines.get(0), facts);
    }

    /** The first value of a fact, or null. */
    String fact(String key) {
      List<String> values = facts.get(key);
      return values == null ? null : values.get(0);
    }

    /** Every diagnosis, most confident first: the "likely bug(s)" fact and its continuations. */
    List<String> likelyBugs() {
      List<String> bugs = facts.getOrDefault("likely bug", facts.get("likely bugs"));
      return bugs == null ? List.of() : bugs;
    }

    /** The most confident diagnosis. */
    String likelyBug() {
      List<String> bugs = likelyBugs();
      assertThat(bugs).as("a 'likely bug' fact").isNotEmpty();
      return bugs.get(0);
    }
  }

  /** Runs one method of a fixture class through the Jupiter engine. */
  static EngineExecutionResults execute(Class<?> fixture, String method, String... configuration) {
    EngineTestKit.Builder builder =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(fixture, method, GradientCheck.class.getName()));
    for (int i = 0; i < configuration.length; i += 2) {
      builder = builder.configurationParameter(configuration[i], configuration[i + 1]);
    }
    return builder.execute();
  }

  /**
   * Runs a fixture's method and reads its failure; a run that did not fail as a gradient check
   * gives a failure whose headline says what happened instead, which no expectation accepts.
   */
  static Failure failure(Class<?> fixture, String method, String... configuration) {
    String run = fixture.getSimpleName() + "." + method;
    EngineExecutionResults results = execute(fixture, method, configuration);
    List<Event> failed = results.testEvents().failed().list();
    if (failed.size() != 1) {
      String what =
          "<" + failed.size() + " failed, " + results.testEvents().succeeded().count() + " passed>";
      return Failure.of(run, what);
    }
    Throwable error = TestKit.thrown(failed.get(0));
    if (!(error instanceof AssertionFailedError)) {
      return Failure.of(run, "<not a gradient check failure: " + error + ">");
    }
    return Failure.of(run, error.getMessage());
  }

  /**
   * Runs a buggy fixture at its pinned seed and at every seed of {@link #SEEDS}, and applies the
   * same expectations to each failure; reports every run that does not meet them, with its message.
   * With the system property {@code zoo.print=true} in the test JVM, prints every failure message.
   */
  static void diagnoses(Class<? extends Fixture> fixture, Consumer<Failure> expectations) {
    List<String> problems = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    failures.add(failure(fixture, PINNED));
    for (long seed : SEEDS) {
      String literal = "0x" + Long.toHexString(seed).toUpperCase(Locale.ROOT) + "L";
      Failure f =
          failure(fixture, ANY_SEED, "gradcheck.seed", literal, "gradcheck.report", "never");
      if (!literal.equals(f.fact("seed"))) {
        problems.add(f.run() + ": ran with seed " + f.fact("seed") + ", not " + literal);
      }
      failures.add(
          new Failure(
              f.run() + " with gradcheck.seed=" + literal, f.message(), f.headline(), f.facts()));
    }
    for (Failure f : failures) {
      if (Boolean.getBoolean("zoo.print")) {
        System.out.println("=== " + f.run() + "\n" + f.message());
      }
      try {
        expectations.accept(f);
      } catch (AssertionError e) {
        problems.add(
            f.run()
                + ": "
                + withoutStackTraces(e.getMessage())
                + "\n--- its failure message:\n"
                + f.message());
      }
    }
    if (!problems.isEmpty()) {
      fail(
          problems.size()
              + " of "
              + failures.size()
              + " runs of "
              + fixture.getSimpleName()
              + " are not diagnosed as expected:\n\n"
              + String.join("\n\n", problems));
    }
  }

  /** AssertJ's messages of nested assertions carry stack traces; the zoo's reader needs none. */
  private static String withoutStackTraces(String message) {
    return message
        .lines()
        .filter(line -> !line.startsWith("\tat ") && !line.startsWith("\t...("))
        .collect(Collectors.joining("\n"))
        .strip();
  }

  /** Runs every method of a fixture class and asserts that none failed. */
  static EngineExecutionResults passes(Class<?> fixture) {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    List<String> failed =
        results.testEvents().failed().list().stream()
            .map(
                e ->
                    e.getTestDescriptor().getUniqueId()
                        + "\n"
                        + e.getRequiredPayload(TestExecutionResult.class)
                            .getThrowable()
                            .map(Throwable::getMessage)
                            .orElse(""))
            .toList();
    assertThat(failed).as("failed checks of correct layers").isEmpty();
    return results;
  }
}
