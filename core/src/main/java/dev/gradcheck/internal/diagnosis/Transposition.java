package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import java.util.Optional;

/** A matrix's analytic gradient is the transpose of the numeric one. */
final class Transposition {

  private Transposition() {}

  static Optional<Diagnosis> match(Evidence e) {
    Fit fit = e.fit();
    int[] shape = fit.shape;
    if (shape.length != 2 || !fit.holds(i -> true, i -> transposed(fit, i), 2)) {
      return Optional.empty();
    }
    return e.found(
        new BugShape.Transposed(),
        0.9,
        "%s%s is the transpose of numeric%s%s"
            .formatted(
                e.jacobian() ? "transposed matrix — " : "transposed gradient — analytic ",
                e.name(),
                shape[0] == shape[1]
                    ? ""
                    : " written into the same %d×%d storage".formatted(shape[0], shape[1]),
                e.jacobian()
                    ? ": rows and columns swapped (outputs for parameters)"
                    : ": indices swapped, or xᵀ·dy and dyᵀ·x confused"));
  }

  private static double transposed(Fit fit, int flat) {
    int rows = fit.shape[0];
    int cols = fit.shape[1];
    // analytic, read as a cols x rows matrix in the same storage, is numeric transposed:
    // analytic[j * rows + i] = numeric[i][j]. For a square matrix this is analytic[j][i].
    int j = flat / rows;
    int i = flat % rows;
    return fit.numeric[i * cols + j];
  }
}
