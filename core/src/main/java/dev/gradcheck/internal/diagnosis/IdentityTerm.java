package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.CheckKind;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.internal.text.Numbers;
import java.util.Optional;

/**
 * A square Hessian off by a multiple of the identity, {@code analytic = numeric + c·I}: every
 * failing entry on the diagonal, one constant difference there, every other entry right. The
 * damping or regularisation term {@code λI} of a Newton or Levenberg–Marquardt step, forgotten (or
 * added for a penalty the loss does not have).
 */
final class IdentityTerm {

  private IdentityTerm() {}

  static Optional<Diagnosis> match(Evidence e) {
    Fit fit = e.fit();
    if (e.kind() != CheckKind.HESSIAN
        || fit.shape.length != 2
        || fit.shape[0] != fit.shape[1]
        || e.failing().size() < 2) {
      return Optional.empty();
    }
    int n = fit.shape[0];
    if (!e.failing().stream().allMatch(i -> i / n == i % n)) {
      return Optional.empty();
    }
    double sum = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      int d = i * n + i;
      if (fit.known[d]) {
        sum += fit.analytic[d] - fit.numeric[d];
        count++;
      }
    }
    double c = sum / count;
    if (c == 0 || !fit.holds(i -> true, i -> fit.numeric[i] + (i / n == i % n ? c : 0), n)) {
      return Optional.empty();
    }
    String lambda = Numbers.error(Math.abs(c));
    return e.found(
        new BugShape.IdentityTerm(c),
        0.9,
        ("off by a multiple of the identity — every diagonal entry of %s is the numeric one %s %s,"
                + " every other entry is right: %s")
            .formatted(
                e.name(),
                c < 0 ? "minus" : "plus",
                lambda,
                c < 0
                    ? "a damping or regularisation term λI (λ = %s?) is missing".formatted(lambda)
                    : "a term λI (λ = %s?) is added that the loss does not have"
                        .formatted(lambda)));
  }
}
