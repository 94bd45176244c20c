package dev.gradcheck.internal.run;

/**
 * The forward returned something that cannot be checked (null, an unsupported type, a shape that
 * changed). Raised by gradcheck itself, so it is never wrapped as an exception of the user's code.
 */
final class InvalidOutput extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  InvalidOutput(String message) {
    super(message);
  }
}
