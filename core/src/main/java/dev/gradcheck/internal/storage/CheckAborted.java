package dev.gradcheck.internal.storage;

/**
 * The check must stop: the user's storage failed, the thread was interrupted, or the forward broke
 * a contract that no smaller step can cure. Unlike a {@link dev.gradcheck.GradientCheckException}
 * from the user's forward, which the numerics may take for the edge of the function's domain and
 * retry, nothing inside the check catches it: it travels to the end of the run, where every
 * parameter is restored and it is reported as a {@code GradientCheckException} (see {@link
 * Restoration}).
 */
public class CheckAborted extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the abort.
   *
   * @param message what happened, as the user will read it
   * @param cause the user's exception, or null
   */
  public CheckAborted(String message, Throwable cause) {
    super(message, cause);
  }
}
