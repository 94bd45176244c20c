package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import java.util.List;

/**
 * A hand-written forward and backward, as a user would write them, with bugs planted in variants of
 * its backward. Variant 0 is the correct backward; a variant whose name starts with {@code correct}
 * is correct too (the same backward declared differently); every other variant plants one bug.
 */
abstract class RealisticLayer {

  /** A short name, printed in the table. */
  abstract String name();

  /** The variants' names: the correct ones first, then one per planted bug. */
  abstract List<String> variants();

  /** Whether the layer computes in {@code float}, which sets the size a bug must have to count. */
  boolean isFloat() {
    return false;
  }

  /**
   * Draws a point from the seed and checks the variant's backward there. The backward also runs the
   * correct one and reports both to {@code size} on its first call.
   *
   * @param variant the index into {@link #variants()}
   * @param seed the seed of the point and of the check
   * @param size measures how far the variant's gradient is from the correct one
   * @return the check's result
   */
  abstract CheckResult run(int variant, long seed, BugSize size);

  /** Whether the variant's backward is correct. */
  final boolean isCorrect(int variant) {
    return variants().get(variant).startsWith("correct");
  }

  @Override
  public final String toString() {
    return name();
  }
}
