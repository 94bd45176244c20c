package dev.gradcheck.junit;

import dev.gradcheck.CheckResult;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Report;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * Builds the assertion error of a failed check: the core's facts as the message, and the numeric
 * and analytic gradients of the failing parameters as expected and actual, one entry per line, so
 * that an IDE's diff view lines the disagreeing entries up.
 */
final class Failures {

  /** Entries listed in the diff per parameter; the facts name the worst ones anyway. */
  private static final int DIFF_LIMIT = 200;

  private Failures() {}

  /**
   * The failure, with the user's declaration of the check as its stack trace: the check runs after
   * the test method has returned, so the frames that would lead an IDE to the test are gone, and
   * where the test declared its parameters is the closest there is.
   */
  static AssertionFailedError of(
      CheckResult result, Map<String, String> extraFacts, StackTraceElement[] declaredAt) {
    AssertionFailedError failure = build(result, extraFacts);
    if (declaredAt.length > 0) {
      failure.setStackTrace(declaredAt);
    }
    return failure;
  }

  /**
   * The user's code threw during the check: the same error, with the seed and how to reproduce it
   * appended as facts, and the declaration as its stack trace (the user's exception stays its
   * cause, with its own trace).
   */
  static GradientCheckException ofError(
      GradientCheckException error, Map<String, String> facts, StackTraceElement[] declaredAt) {
    StringBuilder message = new StringBuilder(error.getMessage());
    int width = facts.keySet().stream().mapToInt(String::length).max().orElse(0);
    for (Map.Entry<String, String> f : facts.entrySet()) {
      message
          .append('\n')
          .append(String.format(Locale.ROOT, "%-" + width + "s : %s", f.getKey(), f.getValue()));
    }
    GradientCheckException withFacts =
        new GradientCheckException(message.toString(), error.getCause());
    for (Throwable suppressed : error.getSuppressed()) {
      withFacts.addSuppressed(suppressed);
    }
    withFacts.setStackTrace(declaredAt.length > 0 ? declaredAt : error.getStackTrace());
    return withFacts;
  }

  private static AssertionFailedError build(CheckResult result, Map<String, String> extraFacts) {
    String message = Report.text(result, extraFacts);
    StringBuilder expected = new StringBuilder();
    StringBuilder actual = new StringBuilder();
    for (ParameterResult p : result.parameters()) {
      if (p.ok()) {
        continue;
      }
      int listed = 0;
      // Failing entries first, so that the diff shows them however long the parameter is.
      List<EntryResult> ordered = new ArrayList<>(p.entries());
      ordered.sort(Comparator.comparing((EntryResult e) -> e.verdict() != Verdict.FAIL));
      for (EntryResult e : ordered) {
        if (listed++ == DIFF_LIMIT) {
          expected.append("...\n");
          actual.append("...\n");
          break;
        }
        expected.append(line(e, e.numeric()));
        actual.append(line(e, e.verdict() == Verdict.FAIL ? e.analytic() : e.numeric()));
      }
    }
    if (expected.length() == 0) {
      return new AssertionFailedError(message);
    }
    return new AssertionFailedError(message, expected.toString(), actual.toString());
  }

  /**
   * One entry; entries that did not fail show the numeric value on both sides, so that only the
   * failing ones differ in the diff.
   */
  private static String line(EntryResult e, double value) {
    return e.label() + " = " + String.format(Locale.ROOT, "%.10g", value) + "\n";
  }
}
