package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import java.util.Optional;

/** {@code analytic = numeric ∓ dy} on every entry of a parameter shaped like the output. */
final class SkipConnection {

  private SkipConnection() {}

  static Optional<Diagnosis> match(Evidence e) {
    Fit fit = e.fit();
    double[] upstream = e.upstream();
    if (upstream == null || upstream.length != fit.size) {
      return Optional.empty();
    }
    for (int sign : new int[] {-1, 1}) {
      if (fit.holds(i -> true, i -> fit.numeric[i] + sign * upstream[i], 2)) {
        return e.found(
            new BugShape.SkipPath(sign),
            0.85,
            sign < 0
                ? ("missing skip-connection gradient — analytic = numeric − dy on every entry of"
                        + " %s: the identity path of a residual connection does not pass the"
                        + " upstream gradient on")
                    .formatted(e.name())
                : ("skip-connection gradient twice — analytic = numeric + dy on every entry of"
                        + " %s: the upstream gradient is added once too often")
                    .formatted(e.name()));
      }
    }
    return Optional.empty();
  }
}
