package dev.gradcheck;

/**
 * Thrown when the user's forward or backward throws during a check. The message says what was being
 * evaluated and which entry was perturbed; the cause is the user's exception. Every parameter has
 * been restored when this is thrown. An exception at a perturbed point is first taken for the edge
 * of the function's domain, and the entry judged again with smaller steps; it ends the check only
 * when it persists.
 *
 * <pre>{@code
 * try {
 *   check.run();
 * } catch (GradientCheckException e) {
 *   // "the forward threw ArithmeticException with W[0][1] perturbed by +6.1e-06 (from 0.5): ..."
 *   System.err.println(e.getMessage());
 *   throw e;
 * }
 * }</pre>
 */
public final class GradientCheckException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was evaluated, and where
   * @param cause the user's exception
   */
  public GradientCheckException(String message, Throwable cause) {
    super(message, cause);
  }
}
