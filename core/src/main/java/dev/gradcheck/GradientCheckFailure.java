package dev.gradcheck;

import dev.gradcheck.internal.run.CallSite;

/**
 * Thrown by {@link CheckResult#assertPassed()} when a gradient check fails; its message is the
 * result's facts as {@link Report#text(CheckResult)} renders them.
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
public final class GradientCheckFailure extends AssertionError {

  private static final long serialVersionUID = 1L;

  /** The result; transient because results are not serializable. */
  private final transient CheckResult result;

  /**
   * Creates a failure for a result that did not pass.
   *
   * @param result the failed result
   */
  public GradientCheckFailure(CheckResult result) {
    super(Report.text(result));
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
