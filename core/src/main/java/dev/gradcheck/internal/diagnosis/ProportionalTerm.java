package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.internal.text.Numbers;
import java.util.Optional;

/**
 * {@code analytic - numeric = k × value} on every entry: an L2 penalty's gradient missing or added.
 */
final class ProportionalTerm {

  private ProportionalTerm() {}

  static Optional<Diagnosis> match(Evidence e) {
    if (e.jacobian()) {
      return Optional.empty(); // a matrix entry has no one parameter value to be proportional to
    }
    Fit fit = e.fit();
    double vv = 0;
    double dv = 0;
    for (int i = 0; i < fit.size; i++) {
      if (fit.known[i] && Double.isFinite(fit.value[i])) {
        vv += fit.value[i] * fit.value[i];
        dv += (fit.analytic[i] - fit.numeric[i]) * fit.value[i];
      }
    }
    if (e.known() < 2 || vv == 0) {
      return Optional.empty();
    }
    double k = dv / vv;
    if (k == 0
        || !fit.holds(
            i -> Double.isFinite(fit.value[i]), i -> fit.numeric[i] + k * fit.value[i], 2)) {
      return Optional.empty();
    }
    return e.found(
        new BugShape.ProportionalTerm(k),
        0.85,
        ("%s — analytic = numeric %s %s × %s on every entry: %s (%sλ = %s for λ‖w‖², or %s for"
                + " λ‖w‖²/2?)")
            .formatted(
                k < 0 ? "missing term" : "extra term",
                k < 0 ? "−" : "+",
                Numbers.error(Math.abs(k)),
                e.name(),
                k < 0
                    ? "the gradient of an L2 penalty is missing"
                    : "an L2 penalty's gradient is added that the loss does not have",
                k < 0 ? "weight decay " : "",
                Numbers.error(Math.abs(k) / 2),
                Numbers.error(Math.abs(k))));
  }
}
