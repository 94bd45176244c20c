package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.internal.text.Numbers;
import java.util.Optional;

/** How diagnoses write factors and what a simple ratio usually means. */
final class Wording {

  private Wording() {}

  /**
   * A fitted factor: a simple ratio when one is that close, else with the digits that tell it from
   * 1.
   */
  static String factor(double c) {
    return SimpleRatio.of(c).map(BugShape.Ratio::toString).orElse(Numbers.distinct(c, 1.0)[0]);
  }

  /** The usual cause of a whole-parameter scale, when the ratio names one. */
  static String scaleHint(Optional<BugShape.Ratio> ratio) {
    if (ratio.isEmpty()) {
      return "";
    }
    BugShape.Ratio r = ratio.get();
    long p = r.numerator();
    long q = r.denominator();
    if ((p == 2 && q == 1) || (p == 1 && q == 2)) {
      return " (a factor 2: the derivative of x² without its 2, or a ½ in the loss forgotten)";
    }
    if (Math.abs(p) == 1 && q > 2) {
      return " (divided by %d: a mean where a sum belongs — the batch size?)".formatted(q);
    }
    if (q == 1 && Math.abs(p) > 2) {
      return " (multiplied by %d: a sum where a mean belongs — the batch size?)"
          .formatted(Math.abs(p));
    }
    return "";
  }
}
