package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import java.util.Optional;

/**
 * Whole-parameter shapes of zeros: a function that ignores the parameter, or a gradient of zeros.
 */
final class ZeroGradients {

  private ZeroGradients() {}

  /** The numeric derivative is exactly zero on every entry while the analytic one is not. */
  static Optional<Diagnosis> disconnected(Evidence e) {
    if (!e.fit().disconnected()) {
      return Optional.empty();
    }
    return e.found(
        new BugShape.Disconnected(),
        0.9,
        ("the function does not depend on %s — no step of any entry changed it, yet the analytic"
                + " gradient is not zero: does the forward read a copy of %s (or another array)"
                + " instead of the declared one, or does the backward miss a mask (every unit of"
                + " a ReLU dead here)?")
            .formatted(e.name(), e.name()));
  }

  /** The analytic gradient is zero on every entry while the numeric one is not. */
  static Optional<Diagnosis> missing(Evidence e) {
    if (!e.fit().holds(i -> true, i -> 0.0, 1)) {
      return Optional.empty();
    }
    return e.found(
        new BugShape.MissingGradient(e.failing().size(), e.known()),
        0.95,
        ("missing gradient — analytic is zero on every entry of %s while numeric is not: the"
                + " gradient never reaches %s, or the backward assigns a new object to the"
                + " gradient (dw = ...) instead of writing into the declared storage")
            .formatted(e.name(), e.name()));
  }
}
