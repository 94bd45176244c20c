package dev.gradcheck;

/**
 * Thrown when the user's forward, backward or {@link Storage} throws during a check, when the
 * thread running the check is interrupted, or when the forward's output changes type or shape. The
 * message says what was being evaluated and which entry was perturbed; the cause is the user's
 * exception. Every parameter has been restored when this is thrown. An exception at a perturbed
 * point is first taken for the edge of the function's domain, and the entry judged again with
 * smaller steps; it ends the check only when it persists.
 *
 * <ul>
 *   <li>Anything the user's code throws is reported this way: runtime exceptions, errors such as
 *       {@code AssertionError}, and checked exceptions thrown without being declared. Only a {@link
 *       VirtualMachineError} ({@code OutOfMemoryError}, {@code StackOverflowError}) propagates as
 *       it is, after restoring.
 *   <li>A storage that throws is named with the call and the entry ({@code parameter 'W': its
 *       Storage threw IllegalStateException from set(3, 0.5) on W[1][1]: ...}). When it throws
 *       while being restored, every other entry of every parameter is restored all the same, and
 *       the message lists each entry that could not be, with the value it should hold; the cause is
 *       the first exception the storage threw, later ones are {@linkplain #getSuppressed()
 *       suppressed}.
 *   <li>When the thread is interrupted, the check stops as soon as the evaluation under way
 *       returns, restores every parameter and throws this, saying it was interrupted; the thread's
 *       interrupt status stays set. User code that catches {@code InterruptedException} and does
 *       not restore the status hides the interrupt from the check.
 * </ul>
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
