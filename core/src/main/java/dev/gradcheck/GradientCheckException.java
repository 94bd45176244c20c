package dev.gradcheck;

/**
 * Thrown when the user's forward or backward throws during a check. The message says what was being
 * evaluated and which entry was perturbed; the cause is the user's exception. Every parameter has
 * been restored when this is thrown.
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
