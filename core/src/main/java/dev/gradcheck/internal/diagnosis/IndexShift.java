package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import java.util.Optional;

/** {@code analytic[i] = numeric[i ± 1]} along one axis: an off-by-one index. */
final class IndexShift {

  private IndexShift() {}

  static Optional<Diagnosis> match(Evidence e) {
    Fit fit = e.fit();
    int[] shape = fit.shape;
    for (int axis = shape.length - 1; axis >= 0; axis--) {
      for (int offset : new int[] {1, -1}) {
        int a = axis;
        int o = offset;
        if (shape[axis] >= 3
            && 2 * fit.failing().stream().filter(i -> fit.neighbour(i, a, o) >= 0).count()
                >= fit.failing().size()
            && fit.holds(
                i -> fit.neighbour(i, a, o) >= 0 && fit.known[fit.neighbour(i, a, o)],
                i -> fit.numeric[fit.neighbour(i, a, o)],
                2)) {
          return e.found(
              new BugShape.Shifted(axis, offset),
              0.85,
              ("index shifted by %s — %s%s, analytic[i] = numeric[i %s 1]: an off-by-one index in"
                      + " the backward")
                  .formatted(
                      offset > 0 ? "+1" : "-1",
                      shape.length > 1 ? "along axis %d of ".formatted(axis) : "in ",
                      e.name(),
                      offset > 0 ? "+" : "-"));
        }
      }
    }
    return Optional.empty();
  }
}
