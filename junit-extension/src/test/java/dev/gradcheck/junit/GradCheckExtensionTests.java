package dev.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/** Runs {@code @GradCheck} fixtures through the JUnit Platform and asserts on their events. */
class GradCheckExtensionTests {

  static EngineExecutionResults run(Class<?> fixture, String... configuration) {
    EngineTestKit.Builder builder =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture));
    for (int i = 0; i < configuration.length; i += 2) {
      builder = builder.configurationParameter(configuration[i], configuration[i + 1]);
    }
    return builder.execute();
  }

  static Throwable failureOf(EngineExecutionResults results) {
    List<Event> failed = results.testEvents().failed().list();
    assertThat(failed).hasSize(1);
    return failed
        .get(0)
        .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
        .getThrowable()
        .orElseThrow();
  }

  @Test
  void correctGradientsPass() {
    EngineExecutionResults results = run(PassingTestCase.class);
    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
  }

  @Test
  void wrongGradientFailsWithFactsNamingTheEntry() {
    Throwable failure = failureOf(run(SignFlipTestCase.class));
    assertThat(failure).isInstanceOf(AssertionFailedError.class);
    String message = failure.getMessage();
    assertThat(Facts.headline(message)).startsWith("gradient of 'b' is wrong");
    Map<String, String> facts = Facts.of(message);
    assertThat(facts.keySet())
        .containsSubsequence(
            "worst entry", "analytic", "numeric", "seed", "evaluations", "reproduce with");
    assertThat(facts.get("worst entry")).startsWith("b[1]");
    double analytic = Double.parseDouble(facts.get("analytic"));
    double numeric = Double.parseDouble(facts.get("numeric").split(" ")[0]);
    assertThat(analytic).isCloseTo(-numeric, org.assertj.core.data.Percentage.withPercentage(1e-3));
    // The seed comes from the annotation, which beats -Dgradcheck.seed: only the annotation helps.
    assertThat(facts.get("reproduce with"))
        .isEqualTo("@GradCheck(seed = 0x5A3C91L)")
        .doesNotContain("-Dgradcheck.seed=");
  }

  /** The same failure type as verify() throws: the result is reachable from it. */
  @Test
  void failureIsAGradientCheckFailureCarryingTheResult() {
    Throwable failure = failureOf(run(SignFlipTestCase.class));
    assertThat(failure).isInstanceOf(dev.gradcheck.GradientCheckFailure.class);
    dev.gradcheck.CheckResult result = ((dev.gradcheck.GradientCheckFailure) failure).result();
    assertThat(result.outcome()).isEqualTo(dev.gradcheck.Outcome.FAILED);
    assertThat(result.parameter("b").count(dev.gradcheck.Verdict.FAIL)).isEqualTo(1);
    assertThat(failure.getMessage()).contains("reproduce with");
  }

  @Test
  void failureTraceStartsWhereTheTestDeclaredTheCheck() {
    Throwable failure = failureOf(run(SignFlipTestCase.class));
    StackTraceElement top = failure.getStackTrace()[0];
    assertThat(top.getClassName()).isEqualTo(SignFlipTestCase.class.getName());
    assertThat(top.getMethodName()).isEqualTo("bias");
    assertThat(failure.getStackTrace())
        .noneMatch(f -> f.getClassName().startsWith("dev.gradcheck.internal."))
        .noneMatch(f -> f.getClassName().equals("dev.gradcheck.GradientCheck"))
        .noneMatch(f -> f.getClassName().equals(Failures.class.getName()));
  }

  /** The user's backward throws: the error says how to reproduce it and leads to the test. */
  @Test
  void anErrorInTheUsersCodeSaysHowToReproduceItAndLeadsToTheTest() {
    Throwable failure = failureOf(run(ThrowingBackwardTestCase.class));
    assertThat(failure).isInstanceOf(GradientCheckException.class);
    assertThat(failure.getCause()).isInstanceOf(ArrayIndexOutOfBoundsException.class);
    assertThat(failure.getMessage())
        .contains("\nseed           : 0x7L\n")
        .contains("\nreproduce with : @GradCheck(seed = 0x7L)");
    assertThat(failure.getStackTrace()[0].getClassName())
        .isEqualTo(ThrowingBackwardTestCase.class.getName());
  }

  static class ThrowingBackwardTestCase {
    @GradCheck(seed = 7)
    void throwing(GradientCheck check) {
      double[] b = {0.3, -0.7};
      double[] db = new double[2];
      check
          .param("b", b, db)
          .loss(() -> b[0] * b[0] + b[1])
          .backward(
              () -> {
                db[0] = 2 * b[0];
                db[2] = 1; // the bug: out of bounds
              });
    }
  }

  @Test
  void failureCarriesNumericAsExpectedAndAnalyticAsActual() {
    AssertionFailedError failure = (AssertionFailedError) failureOf(run(SignFlipTestCase.class));
    assertThat(failure.isExpectedDefined()).isTrue();
    String expected = (String) failure.getExpected().getValue();
    String actual = (String) failure.getActual().getValue();
    assertThat(expected.lines()).hasSize(2).allMatch(l -> l.startsWith("b["));
    List<String> e = expected.lines().toList();
    List<String> a = actual.lines().toList();
    // The failing entry comes first, the passing one after, alike on both sides.
    assertThat(e.get(0)).startsWith("b[1]").isNotEqualTo(a.get(0));
    assertThat(e.get(1)).startsWith("b[0]").isEqualTo(a.get(1));
  }

  @Test
  void eachPointIsANodeNamedWithItsSeed() {
    EngineExecutionResults results = run(PointsTestCase.class);
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    List<String> names =
        results.testEvents().started().list().stream()
            .map(e -> e.getTestDescriptor().getDisplayName())
            .toList();
    assertThat(names).hasSize(3).allMatch(n -> n.matches("\\[\\d] seed=0x[0-9A-F]+L"));
    assertThat(Set.copyOf(names)).hasSize(3);
  }

  @Test
  void methodWithoutHandleIsAConfigurationError() {
    Throwable failure = failureOf(run(NoHandleTestCase.class));
    assertThat(failure)
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("noHandle()")
        .hasMessageContaining("no GradientCheck parameter");
  }

  @Test
  void methodThatDeclaresNothingFails() {
    Throwable failure = failureOf(run(DeclaresNothingTestCase.class));
    assertThat(failure)
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("declared nothing");
  }

  @Test
  void lossWithoutBackwardFails() {
    Throwable failure = failureOf(run(MissingBackwardTestCase.class));
    assertThat(failure)
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "@GradCheck method missing(): the loss is declared without its backward: follow"
                + " loss(...) with .backward(() -> ...)");
  }

  @Test
  void mismatchedShapesFailBeforeAnyEvaluation() {
    Throwable failure = failureOf(run(ShapeMismatchTestCase.class));
    assertThat(failure)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gradient of 'w' has shape [3] but the parameter has shape [2]")
        .hasMessageContaining("as in param(\"w\", values, gradient, 2)");
    assertThat(ShapeMismatchTestCase.evaluations).isZero();
  }

  @Test
  void nondeterministicForwardIsNamedAsSuch() {
    Throwable failure = failureOf(run(NondeterministicTestCase.class));
    assertThat(Facts.headline(failure.getMessage()))
        .isEqualTo("gradient check failed: nondeterministic forward");
    assertThat(Facts.of(failure.getMessage()).get("problem")).contains("loss");
  }

  @Test
  void exceptionInUserCodeSaysWhereAndKeepsTheCause() {
    Throwable failure = failureOf(run(ThrowingTestCase.class));
    assertThat(failure)
        .isInstanceOf(GradientCheckException.class)
        .hasMessageContaining("w[0] perturbed")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCheckTheTestRanItselfIsJudgedOnce() {
    Throwable failure = failureOf(run(RunsItselfTestCase.class));
    assertThat(failure).isInstanceOf(dev.gradcheck.GradientCheckFailure.class);
    assertThat(RunsItselfTestCase.runs).isEqualTo(1);
    run(RunsItselfPassingTestCase.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
  }

  @Test
  void staticSiblingMakesTheRunnableMethodsFail() {
    EngineExecutionResults results =
        run(
            StaticSiblingTestCase.class,
            "junit.platform.discovery.issue.severity.critical",
            "ERROR");
    // The template itself fails: no point of it runs while a sibling is silently skipped.
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        m ->
                            m.contains(
                                "@GradCheck methods hidden() is private, skipped() is static,"
                                    + " so JUnit does not run them; make each a non-private")))));
  }

  @Test
  void reportEntriesCarrySeedEvaluationsAndLargestErrors() {
    EngineExecutionResults results = run(PassingTestCase.class);
    List<Map<String, String>> entries =
        results.allEvents().reportingEntryPublished().list().stream()
            .map(
                e ->
                    e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                        .getKeyValuePairs())
            .toList();
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0))
        .containsKeys("gradcheck.result", "gradcheck.seed", "gradcheck.evaluations")
        .containsEntry("gradcheck.result", "passed");
    assertThat(entries)
        .anySatisfy(e -> assertThat(e).containsKey("gradcheck.largestRelativeError.W"));
  }

  @Test
  void parallelExecutionKeepsPointsApart() {
    EngineExecutionResults results =
        run(
            ParallelTestCase.class,
            "junit.jupiter.execution.parallel.enabled",
            "true",
            "junit.jupiter.execution.parallel.mode.default",
            "concurrent",
            "junit.jupiter.execution.parallel.config.strategy",
            "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism",
            "4");
    results.testEvents().assertStatistics(s -> s.started(24).succeeded(24).failed(0));
  }

  @Test
  void displayNamesAreStable() {
    run(SignFlipTestCase.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(displayName("[1] seed=0x5A3C91L"), finishedWithFailure()));
    run(PassingTestCase.class)
        .testEvents()
        .assertThatEvents()
        .haveAtLeast(1, event(finishedSuccessfully()));
  }

  @Test
  void gradCheckWithTestFailsOnceSayingToRemoveTest() {
    String expected =
        "Configuration error: @GradCheck method both() is also annotated with @Test; remove @Test:"
            + " @GradCheck is a test annotation";
    EngineExecutionResults results = run(AlsoTestTestCase.class);
    // Exactly one failure in the whole run: the @Test copy, with this message and nothing of
    // JUnit's
    // "No ParameterResolver registered"; the @TestTemplate copy runs no point.
    assertThat(results.allEvents().failed().list())
        .singleElement()
        .satisfies(
            e ->
                assertThat(
                        e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .getThrowable()
                            .orElseThrow())
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessage(expected)
                    .hasNoCause());
    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    assertThat(AlsoTestTestCase.runs).isZero();
    // The same without a GradientCheck parameter (where no parameter resolution would fail).
    assertThat(run(AlsoTestWithoutHandleTestCase.class).allEvents().failed().list())
        .singleElement()
        .satisfies(
            e ->
                assertThat(
                        e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .getThrowable()
                            .orElseThrow())
                    .hasMessage(expected.replace("both()", "noHandle()")));
  }

  @Test
  void classLevelGradCheckLeavesPlainTestsAlone() {
    run(ClassLevelWithPlainTestTestCase.class)
        .testEvents()
        .assertStatistics(s -> s.started(3).succeeded(3).failed(0));
  }

  // ---------------------------------------------------------------- fixtures

  static class PassingTestCase {
    @GradCheck
    void loss(GradientCheck check) {
      double[] w = check.arrays().gaussian(3);
      double[] dw = new double[3];
      check
          .param("w", w, dw)
          .loss(() -> Math.exp(w[0]) * Math.sin(w[1]) + w[2] * w[2])
          .backward(
              () -> {
                dw[0] = Math.exp(w[0]) * Math.sin(w[1]);
                dw[1] = Math.exp(w[0]) * Math.cos(w[1]);
                dw[2] = 2 * w[2];
              });
    }

    @GradCheck
    void layer(GradientCheck check) {
      Dense layer = new Dense(3, 2, check.random());
      double[][] x = check.arrays().gaussian(4, 3);
      double[][] dx = new double[4][3];
      check
          .param("W", layer.w, layer.dw)
          .param("b", layer.b, layer.db)
          .param("x", x, dx)
          .output(() -> layer.forward(x))
          .backward(dy -> layer.backward(dy, dx));
    }
  }

  static class SignFlipTestCase {
    @GradCheck(seed = 0x5A3C91L)
    void bias(GradientCheck check) {
      double[] b = {0.3, -0.7};
      double[] db = new double[2];
      check
          .param("b", b, db)
          .loss(() -> b[0] * b[0] + Math.sin(b[1]))
          .backward(
              () -> {
                db[0] = 2 * b[0];
                db[1] = -Math.cos(b[1]); // the bug: sign flipped
              });
    }
  }

  static class PointsTestCase {
    @GradCheck(points = 3)
    void points(GradientCheck check) {
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
  }

  static class NoHandleTestCase {
    @GradCheck
    void noHandle() {}
  }

  static class DeclaresNothingTestCase {
    @GradCheck
    void nothing(GradientCheck check) {}
  }

  static class MissingBackwardTestCase {
    @GradCheck
    void missing(GradientCheck check) {
      double[] w = {1, 2};
      check.param("w", w, new double[2]).loss(() -> w[0] + w[1]);
    }
  }

  static class ShapeMismatchTestCase {
    static volatile int evaluations;

    @GradCheck
    void mismatch(GradientCheck check) {
      double[] w = {1, 2};
      check.param("w", w, new double[3]).loss(() -> evaluations++).backward(() -> {});
    }
  }

  static class NondeterministicTestCase {
    @GradCheck
    void dropout(GradientCheck check) {
      double[] w = {1, 2};
      double[] dw = new double[2];
      int[] calls = {0};
      check
          .param("w", w, dw)
          .loss(() -> (w[0] + w[1]) * (calls[0]++ % 2 == 0 ? 1 : 0.5)) // a dropout mask that flips
          .backward(() -> java.util.Arrays.fill(dw, 1));
    }
  }

  static class ThrowingTestCase {
    @GradCheck
    void throwing(GradientCheck check) {
      double[] w = {1, 2};
      double[] dw = new double[2];
      check
          .param("w", w, dw)
          .loss(
              () -> {
                if (w[0] != 1 && w[1] == 2) {
                  throw new IllegalStateException("cannot evaluate away from 1");
                }
                return w[0] + w[1];
              })
          .backward(() -> java.util.Arrays.fill(dw, 1));
    }
  }

  static class RunsItselfTestCase {
    static int runs;

    @GradCheck(seed = 2)
    void verifiesInItsBody(GradientCheck check) {
      double[] w = {0.5};
      double[] dw = new double[1];
      runs++;
      check.param("w", w, dw).loss(() -> w[0] * w[0]).backward(() -> dw[0] = -2 * w[0]).verify();
    }
  }

  static class RunsItselfPassingTestCase {
    @GradCheck(seed = 2)
    void runsInItsBody(GradientCheck check) {
      double[] w = {0.5};
      double[] dw = new double[1];
      check.param("w", w, dw).loss(() -> w[0] * w[0]).backward(() -> dw[0] = 2 * w[0]).run();
    }
  }

  static class StaticSiblingTestCase {
    @GradCheck
    void runs(GradientCheck check) {
      double[] w = {1};
      double[] dw = new double[1];
      check.param("w", w, dw).loss(() -> 2 * w[0]).backward(() -> dw[0] = 2);
    }

    @GradCheck
    static void skipped(GradientCheck check) {}

    @GradCheck
    private void hidden(GradientCheck check) {}
  }

  static class AlsoTestTestCase {
    static int runs;

    @Test
    @GradCheck
    void both(GradientCheck check) {
      runs++;
      double[] w = {1};
      double[] dw = new double[1];
      check.param("w", w, dw).loss(() -> 2 * w[0]).backward(() -> dw[0] = 2);
    }
  }

  static class AlsoTestWithoutHandleTestCase {
    @GradCheck
    @Test
    void noHandle() {}
  }

  @GradCheck(points = 2)
  static class ClassLevelWithPlainTestTestCase {
    @Test
    void plain() {}

    @GradCheck
    void gradient(GradientCheck check) {
      double[] w = {1};
      double[] dw = new double[1];
      check.param("w", w, dw).loss(() -> 2 * w[0]).backward(() -> dw[0] = 2);
    }
  }

  static class ParallelTestCase {
    static final Set<Long> seeds = ConcurrentHashMap.newKeySet();

    @GradCheck(points = 8)
    void first(GradientCheck check) {
      quadratic(check);
    }

    @GradCheck(points = 8)
    void second(GradientCheck check) {
      quadratic(check);
    }

    @GradCheck(points = 8)
    void third(GradientCheck check) {
      quadratic(check);
    }

    private static void quadratic(GradientCheck check) {
      double[] w = check.arrays().gaussian(5);
      double[] dw = new double[5];
      check
          .param("w", w, dw)
          .loss(
              () -> {
                double s = 0;
                for (double v : w) {
                  s += v * v * v;
                }
                return s;
              })
          .backward(
              () -> {
                for (int i = 0; i < w.length; i++) {
                  dw[i] = 3 * w[i] * w[i];
                }
              });
    }
  }
}
