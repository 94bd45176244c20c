package dev.gradcheck.internal.run;

/**
 * The forward returned something that cannot be checked (null, an unsupported type, a type or shape
 * that changed). Raised by gradcheck itself, so it is never wrapped as an exception of the user's
 * code.
 */
final class InvalidOutput extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Stands in a message for where the parameters were, which only the objective knows. */
  static final String WHERE = "{where}";

  private final boolean changed;
  private final String first;
  private final String later;

  InvalidOutput(String message) {
    this(message, false);
  }

  /**
   * @param message what is wrong; {@link #WHERE} is replaced with where the parameters were
   * @param changed whether the output changed type or shape from the first call's, a broken
   *     contract that must end the check, rather than a value the check cannot read
   */
  InvalidOutput(String message, boolean changed) {
    this(message, changed, "", "");
  }

  /** An output that changed: the first call's type and shape, and the later call's. */
  InvalidOutput(String message, boolean changed, String first, String later) {
    super(message);
    this.changed = changed;
    this.first = first;
    this.later = later;
  }

  String first() {
    return first;
  }

  String later() {
    return later;
  }

  /** Whether the output changed type or shape from the first call's. */
  boolean changed() {
    return changed;
  }
}
