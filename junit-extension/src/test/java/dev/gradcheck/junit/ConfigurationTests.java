package dev.gradcheck.junit;

import static dev.gradcheck.junit.Configuration.POINTS;
import static dev.gradcheck.junit.GradCheckExtensionTests.failureOf;
import static dev.gradcheck.junit.GradCheckExtensionTests.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.gradcheck.GradientCheck;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Where {@code @GradCheck} settings come from, and how a reported seed reproduces a failure. */
class ConfigurationTests {

  private static long started(EngineExecutionResults results) {
    return results.testEvents().started().count();
  }

  private static EngineExecutionResults runMethod(
      Class<?> fixture, String method, String... configuration) {
    EngineTestKit.Builder builder =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(fixture, method, GradientCheck.class.getName()));
    for (int i = 0; i < configuration.length; i += 2) {
      builder = builder.configurationParameter(configuration[i], configuration[i + 1]);
    }
    return builder.execute();
  }

  @Test
  void pointsDefaultToOne() {
    assertThat(started(run(UnconfiguredTestCase.class))).isEqualTo(1);
  }

  @Test
  void configurationParameterSetsPoints() {
    assertThat(started(run(UnconfiguredTestCase.class, "gradcheck.points", "4"))).isEqualTo(4);
  }

  @Test
  void systemPropertySetsPointsWhenNothingElseDoes() {
    String key = "gradcheck.points";
    String before = System.getProperty(key);
    System.setProperty(key, "3");
    try {
      EngineExecutionResults results =
          EngineTestKit.engine("junit-jupiter")
              .selectors(selectClass(UnconfiguredTestCase.class))
              .enableImplicitConfigurationParameters(true)
              .execute();
      assertThat(started(results)).isEqualTo(3);
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  @Test
  void classAnnotationBeatsConfigurationParameter() {
    assertThat(
            started(runMethod(ConfiguredTestCase.class, "classDefault", "gradcheck.points", "5")))
        .isEqualTo(2);
  }

  @Test
  void methodAnnotationBeatsClassAnnotation() {
    assertThat(started(runMethod(ConfiguredTestCase.class, "methodWins", "gradcheck.points", "5")))
        .isEqualTo(3);
  }

  @Test
  void toleranceFromConfigurationReachesTheCheck() {
    // The analytic gradient is 0.5% off: it fails with the estimated tolerance ...
    assertThat(run(SlightlyOffTestCase.class).testEvents().failed().count()).isEqualTo(1);
    // ... and passes with a relative tolerance of 1% from any source.
    assertThat(
            run(SlightlyOffTestCase.class, "gradcheck.relativeTolerance", "0.01")
                .testEvents()
                .succeeded()
                .count())
        .isEqualTo(1);
  }

  /**
   * The one configuration error of a run that fails in the template, before any point runs: what a
   * user sees when a setting is wrong.
   */
  static Throwable configurationError(EngineExecutionResults results) {
    assertThat(results.testEvents().started().count()).as("points started").isZero();
    List<Event> failed = results.allEvents().failed().list();
    assertThat(failed).hasSize(1);
    Throwable error =
        failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    assertThat(error).isInstanceOf(ExtensionConfigurationException.class);
    return error;
  }

  static Stream<Arguments> unreadableParameters() {
    return Stream.of(
        arguments(
            "gradcheck.points", "many", "a whole number of points from 1 to 10000, such as 3"),
        arguments(
            "gradcheck.seed",
            "banana",
            "a seed in decimal or 0x... hexadecimal, such as 0x5A3C91L"),
        arguments(
            "gradcheck.relativeTolerance",
            "1%",
            "a relative tolerance from 0 to below 1, such as 1e-6"),
        arguments(
            "gradcheck.absoluteTolerance",
            "tiny",
            "a finite absolute tolerance of 0 or more, such as 1e-8"),
        arguments("gradcheck.minCoverage", "90%", "a fraction from 0 to 1, such as 0.9"),
        arguments(
            "gradcheck.mode",
            "thorough",
            "auto, exhaustive or directional (in any case), such as exhaustive"),
        arguments(
            "gradcheck.maxEvaluations",
            "1e6",
            "a whole number of evaluations of at least 100, or 0 for no limit, such as 100000"),
        arguments(
            "gradcheck.report",
            "sometimes",
            "failures, always or never (in any case), such as always"),
        arguments(
            "gradcheck.reportDir",
            "target/\0reports",
            "a directory path, such as target/gradcheck"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableParameters")
  void unreadableParameterNamesTheMethodTheKeyTheValueAndTheFormat(
      String key, String value, String expected) {
    // A control character shows escaped, so that the message shows what is there.
    String shown = value.replace("\0", "\\u0000");
    assertThat(configurationError(run(UnconfiguredTestCase.class, key, value)))
        .hasMessage(
            "Configuration error: @GradCheck method plain() has "
                + key
                + " = '"
                + shown
                + "' (from the JUnit configuration parameters), which is not valid; expected "
                + expected)
        .hasCauseInstanceOf(RuntimeException.class);
  }

  @Test
  void rangeErrorsSayTheAcceptedRange() {
    assertThat(configurationError(run(NegativePointsTestCase.class)))
        .hasMessage(
            "Configuration error: @GradCheck method negative() has points = -2 (from its"
                + " @GradCheck), which is out of range; expected a whole number of points from 1"
                + " to 10000, such as 3");
    assertThat(configurationError(runMethod(InvalidSettingsTestCase.class, "smallBudget")))
        .hasMessage(
            "Configuration error: @GradCheck method smallBudget() has maxEvaluations = 50 (from"
                + " its @GradCheck), which is out of range; expected a whole number of evaluations"
                + " of at least 100, or 0 for no limit, such as 100000");
    assertThat(configurationError(runMethod(InvalidSettingsTestCase.class, "overfullCoverage")))
        .hasMessage(
            "Configuration error: @GradCheck method overfullCoverage() has minCoverage = 1.5 (from"
                + " its @GradCheck), which is out of range; expected a fraction from 0 to 1, such"
                + " as 0.9");
    assertThat(
            configurationError(
                run(UnconfiguredTestCase.class, "gradcheck.absoluteTolerance", "-1e-8")))
        .hasMessage(
            "Configuration error: @GradCheck method plain() has gradcheck.absoluteTolerance ="
                + " '-1e-8' (from the JUnit configuration parameters), which is out of range;"
                + " expected a finite absolute tolerance of 0 or more, such as 1e-8");
    assertThat(
            configurationError(runMethod(InvalidSettingsTestCase.class, "infiniteAbsolute"))
                .getMessage())
        .contains("absoluteTolerance = Infinity (from its @GradCheck), which is out of range");
    assertThat(
            configurationError(run(UnconfiguredTestCase.class, "gradcheck.maxEvaluations", "-5"))
                .getMessage())
        .contains("gradcheck.maxEvaluations = '-5'")
        .contains("at least 100, or 0 for no limit");
  }

  @Test
  void classErrorNamesTheClassItCameFrom() {
    assertThat(configurationError(run(NegativeClassPointsTestCase.class)))
        .hasMessage(
            "Configuration error: @GradCheck method plain() has points = -1 (from @GradCheck on"
                + " class ConfigurationTests.NegativeClassPointsTestCase), which is out of range;"
                + " expected a whole number of points from 1 to 10000, such as 3");
  }

  @Test
  void nanTolerancesAreConfigurationErrorsFromEitherSource() {
    assertThat(configurationError(runMethod(InvalidSettingsTestCase.class, "nanRelative")))
        .hasMessage(
            "Configuration error: @GradCheck method nanRelative() has relativeTolerance = NaN"
                + " (from its @GradCheck), which is not a number; expected a relative tolerance"
                + " from 0 to below 1, such as 1e-6, or none for the estimated tolerance");
    assertThat(configurationError(runMethod(InvalidSettingsTestCase.class, "nanAbsolute")))
        .hasMessage(
            "Configuration error: @GradCheck method nanAbsolute() has absoluteTolerance = NaN"
                + " (from its @GradCheck), which is not a number; expected a finite absolute"
                + " tolerance of 0 or more, such as 1e-8, or none for the estimated tolerance");
    assertThat(
            configurationError(
                run(UnconfiguredTestCase.class, "gradcheck.relativeTolerance", "NaN")))
        .hasMessage(
            "Configuration error: @GradCheck method plain() has gradcheck.relativeTolerance ="
                + " 'NaN' (from the JUnit configuration parameters), which is not a number;"
                + " expected a relative tolerance from 0 to below 1, such as 1e-6, or none for"
                + " the estimated tolerance");
    assertThat(
            configurationError(
                    run(UnconfiguredTestCase.class, "gradcheck.absoluteTolerance", "NaN"))
                .getMessage())
        .contains("gradcheck.absoluteTolerance = 'NaN'")
        .contains("which is not a number");
    // minCoverage has the same hole: NaN read as "not set".
    assertThat(configurationError(runMethod(InvalidSettingsTestCase.class, "nanCoverage")))
        .hasMessage(
            "Configuration error: @GradCheck method nanCoverage() has minCoverage = NaN (from its"
                + " @GradCheck), which is not a number; expected a fraction from 0 to 1, such as"
                + " 0.9");
    assertThat(
            configurationError(run(UnconfiguredTestCase.class, "gradcheck.minCoverage", "NaN"))
                .getMessage())
        .contains("gradcheck.minCoverage = 'NaN'")
        .contains("which is not a number");
  }

  @Test
  void relativeToleranceOfOneOrMoreIsAConfigurationErrorSayingWhy() {
    String why =
        ", which is 1 or more: it would pass any gradient of the right sign however far off, and"
            + " an all-zero one (from 2 on, also one with the wrong sign); expected a relative"
            + " tolerance from 0 to below 1, such as 1e-6";
    assertThat(configurationError(runMethod(InvalidSettingsTestCase.class, "looseRelative")))
        .hasMessage(
            "Configuration error: @GradCheck method looseRelative() has relativeTolerance = 1.0"
                + " (from its @GradCheck)"
                + why);
    assertThat(
            configurationError(run(UnconfiguredTestCase.class, "gradcheck.relativeTolerance", "2")))
        .hasMessage(
            "Configuration error: @GradCheck method plain() has gradcheck.relativeTolerance = '2'"
                + " (from the JUnit configuration parameters)"
                + why);
    // Just below 1 is accepted (loose, but it still fails a sign error).
    assertThat(
            run(UnconfiguredTestCase.class, "gradcheck.relativeTolerance", "0.999")
                .testEvents()
                .succeeded()
                .count())
        .isEqualTo(1);
  }

  @Test
  void seedOfLongMinValueIsRejected() {
    String rest =
        "' (from the JUnit configuration parameters), which is Long.MIN_VALUE: @GradCheck"
            + " reserves it for \"no seed\" (GradCheck.UNSET_SEED), so no annotation can set it"
            + " either; expected another seed, such as 0x5A3C91L";
    for (String minimum :
        List.of("-9223372036854775808", "0x8000000000000000L", "-0x8000000000000000")) {
      assertThat(configurationError(run(UnconfiguredTestCase.class, "gradcheck.seed", minimum)))
          .as(minimum)
          .hasMessage(
              "Configuration error: @GradCheck method plain() has gradcheck.seed = '"
                  + minimum
                  + rest);
    }
    // Its neighbour is an ordinary seed.
    assertThat(
            run(UnconfiguredTestCase.class, "gradcheck.seed", "-9223372036854775807")
                .testEvents()
                .succeeded()
                .count())
        .isEqualTo(1);
  }

  @Test
  void pointsAreBoundedAtTenThousand() {
    assertThat(configurationError(runMethod(InvalidSettingsTestCase.class, "endless")))
        .hasMessage(
            "Configuration error: @GradCheck method endless() has points = 2147483647 (from its"
                + " @GradCheck), which is out of range; expected a whole number of points from 1"
                + " to 10000, such as 3");
    assertThat(
            configurationError(run(UnconfiguredTestCase.class, "gradcheck.points", "10001"))
                .getMessage())
        .startsWith("Configuration error: @GradCheck method plain() has gradcheck.points = '10001'")
        .contains("from 1 to 10000");
  }

  @Test
  void reportedSeedReproducesTheSameNumbers() {
    String first = failureOf(run(RandomDataBugTestCase.class)).getMessage();
    Map<String, String> facts = Facts.of(first);
    String seed = facts.get("seed");
    String again = failureOf(run(RandomDataBugTestCase.class, "gradcheck.seed", seed)).getMessage();
    Map<String, String> reproduced = Facts.of(again);
    for (String key : List.of("worst entry", "analytic", "numeric", "difference", "seed")) {
      assertThat(reproduced.get(key)).as(key).isEqualTo(facts.get(key));
    }
    assertThat(facts.get("reproduce with")).contains("-Dgradcheck.seed=" + facts.get("seed"));
    String literal = facts.get("reproduce with").replaceAll(".*seed = (0x[0-9A-F]+L).*", "$1");
    assertThat(Seeds.parse(literal)).isEqualTo(Seeds.parse(seed));
  }

  @Test
  void randomSeedsDifferBetweenRunsUnlessSet() {
    String a = Facts.of(failureOf(run(RandomDataBugTestCase.class)).getMessage()).get("seed");
    String b = Facts.of(failureOf(run(RandomDataBugTestCase.class)).getMessage()).get("seed");
    assertThat(a).isNotEqualTo(b);
    String c =
        Facts.of(failureOf(run(RandomDataBugTestCase.class, "gradcheck.seed", "42")).getMessage())
            .get("seed");
    assertThat(Seeds.parse(c)).isEqualTo(42);
  }

  @Test
  void modeAndBudgetReachTheCheck() {
    // 3000 entries: AUTO searches along directions, so the check covers without visiting ...
    String auto = Facts.of(failureOf(run(LargeBugTestCase.class)).getMessage()).get("evaluations");
    assertThat(Long.parseLong(auto)).isLessThan(1000);
    // ... EXHAUSTIVE from the configuration visits every entry ...
    String exhaustive =
        Facts.of(
                failureOf(run(LargeBugTestCase.class, "gradcheck.mode", "exhaustive")).getMessage())
            .get("evaluations");
    assertThat(Long.parseLong(exhaustive)).isGreaterThan(4 * 3000);
    // ... and a budget stops it before the wrong entry, saying how many entries were left: a check
    // never passes on evidence it did not gather.
    EngineExecutionResults limited =
        run(
            LargeBugTestCase.class,
            "gradcheck.mode",
            "exhaustive",
            "gradcheck.maxEvaluations",
            "500");
    assertThat(Facts.headline(failureOf(limited).getMessage()))
        .startsWith("gradient check incomplete: ")
        .contains("unchecked: the evaluation budget ran out");
    assertThat(
            limited.allEvents().reportingEntryPublished().list().stream()
                .map(
                    e ->
                        e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                            .getKeyValuePairs())
                .toList())
        .first()
        .satisfies(
            e -> {
              assertThat(e.get("gradcheck.unchecked")).contains("budget");
              assertThat(e.get("gradcheck.result")).isEqualTo("incomplete");
            });
  }

  @Test
  void annotationModeBeatsTheConfiguration() {
    String evaluations =
        Facts.of(
                failureOf(run(LargeBugDirectionalTestCase.class, "gradcheck.mode", "exhaustive"))
                    .getMessage())
            .get("evaluations");
    assertThat(Long.parseLong(evaluations)).isLessThan(1000);
  }

  /** The seeds of the points a run started, in order, read from their display names. */
  private static List<Long> seeds(EngineExecutionResults results) {
    return results.testEvents().started().list().stream()
        .map(e -> e.getTestDescriptor().getDisplayName().replaceAll(".*seed=", ""))
        .map(Seeds::parse)
        .toList();
  }

  @Test
  void testClassBeatsItsSuperclassWhichFillsInTheRest() {
    EngineExecutionResults results = run(SubclassTestCase.class);
    assertThat(started(results)).isEqualTo(2); // SubclassTestCase's points
    assertThat(seeds(results)).first().isEqualTo(5L); // BaseTestCase's seed
  }

  @Test
  void nearestSuperclassFirst() {
    EngineExecutionResults results = run(GrandchildTestCase.class);
    assertThat(started(results)).isEqualTo(3); // ParentTestCase's, not GrandparentTestCase's 4
    assertThat(seeds(results)).first().isEqualTo(6L); // only GrandparentTestCase sets a seed
  }

  @Test
  void superclassBeatsEnclosingClassWhichBeatsConfiguration() {
    EngineExecutionResults results =
        run(EnclosingTestCase.class, "gradcheck.points", "7", "gradcheck.seed", "9");
    List<String> names =
        results.testEvents().started().list().stream()
            .map(e -> e.getTestDescriptor().getUniqueId().toString())
            .toList();
    // InheritingNested: points from its superclass (2), seed from the enclosing class (8).
    assertThat(names.stream().filter(n -> n.contains("InheritingNested"))).hasSize(2);
    // PlainNested: both from the enclosing class (4 points, seed 8), none from the parameters.
    assertThat(names.stream().filter(n -> n.contains("PlainNested"))).hasSize(4);
    assertThat(seeds(results)).contains(8L).doesNotContain(9L);
  }

  @Test
  void systemPropertyBeatsPropertiesFileWhichFillsInTheRest(@TempDir Path directory)
      throws IOException {
    Files.writeString(
        directory.resolve("junit-platform.properties"),
        "gradcheck.points=4\ngradcheck.seed=0x2AL\n",
        StandardCharsets.UTF_8);
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    String previousPoints = System.getProperty(POINTS);
    try (URLClassLoader withFile =
        new URLClassLoader(new URL[] {directory.toUri().toURL()}, before)) {
      thread.setContextClassLoader(withFile);
      EngineExecutionResults fileOnly = runImplicit(UnconfiguredTestCase.class);
      assertThat(started(fileOnly)).isEqualTo(4);
      assertThat(seeds(fileOnly)).first().isEqualTo(0x2AL);
      System.setProperty(POINTS, "3");
      EngineExecutionResults both = runImplicit(UnconfiguredTestCase.class);
      assertThat(started(both)).isEqualTo(3);
      assertThat(seeds(both)).first().isEqualTo(0x2AL);
      // Annotations beat both.
      assertThat(started(runImplicit(ConfiguredTestCase.class))).isEqualTo(2 + 3);
    } finally {
      thread.setContextClassLoader(before);
      if (previousPoints == null) {
        System.clearProperty(POINTS);
      } else {
        System.setProperty(POINTS, previousPoints);
      }
    }
  }

  private static EngineExecutionResults runImplicit(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .enableImplicitConfigurationParameters(true)
        .execute();
  }

  // ---------------------------------------------------------------- fixtures

  static void largeWithOneBug(GradientCheck check) {
    double[] w = check.arrays().gaussian(3000);
    double[] dw = new double[3000];
    check
        .param("w", w, dw)
        .loss(
            () -> {
              double s = 0;
              for (double v : w) {
                s += Math.sin(v);
              }
              return s;
            })
        .backward(
            () -> {
              for (int i = 0; i < w.length; i++) {
                dw[i] = Math.cos(w[i]);
              }
              dw[1234] = -dw[1234];
            });
  }

  static class LargeBugTestCase {
    @GradCheck(seed = 11)
    void large(GradientCheck check) {
      largeWithOneBug(check);
    }
  }

  static class LargeBugDirectionalTestCase {
    @GradCheck(seed = 11, mode = dev.gradcheck.CheckMode.DIRECTIONAL)
    void large(GradientCheck check) {
      largeWithOneBug(check);
    }
  }

  static void product(GradientCheck check) {
    double[] w = check.arrays().gaussian(2);
    double[] dw = new double[2];
    check
        .param("w", w, dw)
        .loss(() -> w[0] * w[1])
        .backward(
            () -> {
              dw[0] = w[1];
              dw[1] = w[0];
            });
  }

  static class UnconfiguredTestCase {
    @GradCheck
    void plain(GradientCheck check) {
      product(check);
    }
  }

  @GradCheck(points = 2)
  static class ConfiguredTestCase {
    @GradCheck
    void classDefault(GradientCheck check) {
      product(check);
    }

    @GradCheck(points = 3)
    void methodWins(GradientCheck check) {
      product(check);
    }
  }

  static class NegativePointsTestCase {
    @GradCheck(points = -2)
    void negative(GradientCheck check) {
      product(check);
    }
  }

  static class InvalidSettingsTestCase {
    @GradCheck(relativeTolerance = Double.NaN)
    void nanRelative(GradientCheck check) {
      product(check);
    }

    @GradCheck(absoluteTolerance = Double.NaN)
    void nanAbsolute(GradientCheck check) {
      product(check);
    }

    @GradCheck(absoluteTolerance = Double.POSITIVE_INFINITY)
    void infiniteAbsolute(GradientCheck check) {
      product(check);
    }

    @GradCheck(relativeTolerance = 1)
    void looseRelative(GradientCheck check) {
      product(check);
    }

    @GradCheck(minCoverage = Double.NaN)
    void nanCoverage(GradientCheck check) {
      product(check);
    }

    @GradCheck(minCoverage = 1.5)
    void overfullCoverage(GradientCheck check) {
      product(check);
    }

    @GradCheck(maxEvaluations = 50)
    void smallBudget(GradientCheck check) {
      product(check);
    }

    @GradCheck(points = Integer.MAX_VALUE)
    void endless(GradientCheck check) {
      product(check);
    }
  }

  @GradCheck(points = -1)
  static class NegativeClassPointsTestCase {
    @GradCheck
    void plain(GradientCheck check) {
      product(check);
    }
  }

  /** A superclass that sets only annotations (no tests of its own). */
  @GradCheck(points = 3, seed = 5)
  static class BaseTestCase {}

  @GradCheck(points = 2)
  static class SubclassTestCase extends BaseTestCase {
    @GradCheck
    void sub(GradientCheck check) {
      product(check);
    }
  }

  @GradCheck(points = 4, seed = 6)
  static class GrandparentTestCase {}

  @GradCheck(points = 3)
  static class ParentTestCase extends GrandparentTestCase {}

  static class GrandchildTestCase extends ParentTestCase {
    @GradCheck
    void inherited(GradientCheck check) {
      product(check);
    }
  }

  @GradCheck(points = 2)
  static class PointsOnlyBaseTestCase {}

  @GradCheck(points = 4, seed = 8)
  static class EnclosingTestCase {
    @Nested
    class InheritingNested extends PointsOnlyBaseTestCase {
      @GradCheck
      void nested(GradientCheck check) {
        product(check);
      }
    }

    @Nested
    class PlainNested {
      @GradCheck
      void nested(GradientCheck check) {
        product(check);
      }
    }
  }

  static class SlightlyOffTestCase {
    @GradCheck(seed = 7)
    void off(GradientCheck check) {
      double[] w = {0.8};
      double[] dw = new double[1];
      check
          .param("w", w, dw)
          .loss(() -> Math.exp(w[0]))
          .backward(() -> dw[0] = 1.005 * Math.exp(w[0]));
    }
  }

  static class RandomDataBugTestCase {
    @GradCheck
    void bug(GradientCheck check) {
      double[] w = check.arrays().gaussian(3);
      double[] dw = new double[3];
      check
          .param("w", w, dw)
          .loss(() -> Math.sin(w[0]) + w[1] * w[2])
          .backward(
              () -> {
                dw[0] = Math.cos(w[0]);
                dw[1] = w[2];
                dw[2] = 2 * w[1]; // the bug: a factor 2
              });
    }
  }
}
