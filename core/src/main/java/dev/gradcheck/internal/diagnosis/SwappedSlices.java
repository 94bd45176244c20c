package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Two rows or two columns of a matrix are each other's: the failing entries fill exactly two slices
 * along one axis, and swapping those two slices of the numeric matrix gives the analytic one on
 * every known entry.
 */
final class SwappedSlices {

  private SwappedSlices() {}

  static Optional<Diagnosis> match(Evidence e) {
    Fit fit = e.fit();
    if (fit.shape.length != 2 || e.failing().size() < 2) {
      return Optional.empty();
    }
    for (int axis = 1; axis >= 0; axis--) {
      int a = axis;
      TreeSet<Integer> slices = new TreeSet<>();
      e.failing().forEach(i -> slices.add(fit.coordinate(i, a)));
      if (slices.size() != 2) {
        continue;
      }
      int first = slices.first();
      int second = slices.last();
      if (fit.holds(i -> true, i -> swapped(fit, i, a, first, second), 4)) {
        String slice = axis == 0 ? "rows" : "columns";
        return e.found(
            new BugShape.SwappedSlices(axis, first, second),
            0.85,
            ("two %s swapped — %s %d and %d of %s are each other's, every other entry is right: %s")
                .formatted(
                    slice,
                    slice,
                    first,
                    second,
                    e.name(),
                    e.jacobian()
                        ? (axis == 1
                            ? "the Jacobian's columns are in another order than the parameters"
                            : "the Jacobian's rows are in another order than the outputs")
                        : "two indices exchanged"));
      }
    }
    return Optional.empty();
  }

  /** The numeric value the analytic entry {@code flat} has when the two slices are swapped. */
  private static double swapped(Fit fit, int flat, int axis, int first, int second) {
    int c = fit.coordinate(flat, axis);
    int other = c == first ? second : c == second ? first : c;
    return fit.numeric[fit.neighbour(flat, axis, other - c)];
  }
}
