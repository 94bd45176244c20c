package dev.gradcheck;

import dev.gradcheck.internal.report.EntryDiff;
import dev.gradcheck.internal.run.CallSite;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * Thrown when a gradient check fails, by {@link CheckResult#assertPassed()}, {@link
 * GradientCheck#verify()} and the {@code @GradCheck} extension alike; its message is the result's
 * facts as {@link Report#text(CheckResult)} renders them. It is an opentest4j {@code
 * AssertionFailedError} whose expected and actual values are the numeric and analytic gradients of
 * the failing parameters, one entry per line, so that an IDE's diff view lines them up.
 *
 * <pre>{@code
 * try {
 *   check.verify();
 * } catch (GradientCheckFailure failure) {
 *   failure.result().diagnoses().forEach(d -> log.warn(d.summary()));
 *   throw failure;
 * }
 * }</pre>
 */
public final class GradientCheckFailure extends AssertionFailedError {

  private static final long serialVersionUID = 1L;

  /** The result; transient because results are not serializable. */
  private final transient CheckResult result;

  /**
   * Creates a failure for a result that did not pass.
   *
   * @param result the failed result
   */
  public GradientCheckFailure(CheckResult result) {
    this(result, Map.of());
  }

  /**
   * Creates a failure whose message ends with further facts, as a test framework adds how to
   * reproduce the check in its own terms.
   *
   * @param result the failed result
   * @param extraFacts facts to append, in iteration order
   * @since 0.1
   */
  public GradientCheckFailure(CheckResult result, Map<String, String> extraFacts) {
    super(Report.text(result, extraFacts), EntryDiff.expected(result), EntryDiff.actual(result));
    this.result = result;
    // Start the trace at the caller of assertPassed()/verify(), not inside gradcheck.
    setStackTrace(CallSite.user());
  }

  /**
   * Returns the failed result.
   *
   * @return the result, or null after deserialization
   */
  public CheckResult result() {
    return result;
  }
}
