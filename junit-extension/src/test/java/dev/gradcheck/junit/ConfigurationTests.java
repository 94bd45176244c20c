package dev.gradcheck.junit;

import static dev.gradcheck.junit.GradCheckExtensionTests.failureOf;
import static dev.gradcheck.junit.GradCheckExtensionTests.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.gradcheck.GradientCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

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

  @Test
  void invalidValuesAreConfigurationErrorsNamingTheKey() {
    EngineExecutionResults results = run(UnconfiguredTestCase.class, "gradcheck.points", "many");
    assertThat(results.containerEvents().failed().list())
        .singleElement()
        .satisfies(
            e ->
                assertThat(
                        e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .getThrowable()
                            .orElseThrow())
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessageContaining("gradcheck.points")
                    .hasMessageContaining("many"));
    results = run(NegativePointsTestCase.class);
    assertThat(results.containerEvents().failed().list())
        .singleElement()
        .satisfies(
            e ->
                assertThat(
                        e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .getThrowable()
                            .orElseThrow())
                    .hasMessageStartingWith("Configuration error: @GradCheck method negative()")
                    .hasMessageContaining("points = -2"));
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
