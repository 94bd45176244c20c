package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import java.util.Optional;

/** {@code analytic = c × numeric} on every entry: a sign error or a wrong scale. */
final class ConstantFactor {

  /**
   * How close a fitted factor must come to a simple ratio to be tried as one; the ratio must then
   * hold within every entry's own tolerance, which in float is far looser than in double.
   */
  private static final double LOOSE_RATIO = 1e-3;

  /** A fitted factor this close to 1 is rounding, not a scale. */
  private static final double NOT_ONE = 1e-3;

  private ConstantFactor() {}

  static Optional<Diagnosis> match(Evidence e) {
    Fit fit = e.fit();
    double fitted = fit.scale(i -> true);
    Optional<BugShape.Ratio> ratio =
        SimpleRatio.near(fitted, LOOSE_RATIO)
            .filter(r -> fit.holds(i -> true, i -> r.value() * fit.numeric[i], 1));
    double c = ratio.map(BugShape.Ratio::value).orElse(fitted);
    // Any ratio fits one number: a scale needs two informative entries, and a factor within
    // rounding of 1 is no scale.
    if (!Double.isFinite(c)
        || Math.abs(c - 1) <= NOT_ONE
        || fit.informative() < 2
        || !fit.holds(i -> true, i -> c * fit.numeric[i], 1)) {
      return Optional.empty();
    }
    if (c == -1) {
      return e.found(
          new BugShape.SignFlip(e.known(), e.known()),
          0.95,
          "sign error — analytic = -numeric on %s%s%s"
              .formatted(
                  e.every(),
                  e.name(),
                  e.negated()
                      ? ": the code returns the derivative itself, not its negative as"
                          + " expectNegated() declares; remove expectNegated() if that is its"
                          + " convention"
                      : e.kind() == dev.gradcheck.CheckKind.JACOBIAN
                          ? ": the whole Jacobian negated — a sign convention mixed up (residuals"
                              + " target − model against model − target, or a library that"
                              + " returns the negative)? declare expectNegated() if the negation"
                              + " is your convention"
                          : ""));
    }
    return e.found(
        new BugShape.Scaled(c, ratio),
        ratio.isPresent() ? 0.9 : 0.75,
        "wrong scale — analytic = %s × numeric on %s%s%s"
            .formatted(
                ratio.map(BugShape.Ratio::toString).orElse(Wording.factor(c)),
                e.every(),
                e.name(),
                Wording.scaleHint(ratio)));
  }
}
