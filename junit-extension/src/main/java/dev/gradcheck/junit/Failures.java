package dev.gradcheck.junit;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.GradientCheckFailure;
import java.util.Locale;
import java.util.Map;

/**
 * Builds what a failed check throws: core's {@link GradientCheckFailure} (an opentest4j {@code
 * AssertionFailedError} with the numeric and analytic gradients as expected and actual) with the
 * extension's facts, and the user's declaration as its stack trace.
 */
final class Failures {

  private Failures() {}

  /**
   * The failure, with the user's declaration of the check as its stack trace: the check runs after
   * the test method has returned, so the frames that would lead an IDE to the test are gone, and
   * where the test declared its parameters is the closest there is.
   */
  static GradientCheckFailure of(
      CheckResult result, Map<String, String> extraFacts, StackTraceElement[] declaredAt) {
    GradientCheckFailure failure = new GradientCheckFailure(result, extraFacts);
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
}
