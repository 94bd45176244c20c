package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Shapes of the failing entries alone, when no whole-parameter or slice shape fits. */
final class FailingEntries {

  private FailingEntries() {}

  /** Every failing entry sits at a kink, and its analytic value lies outside the sides. */
  static Optional<Diagnosis> outsideKinks(Evidence e) {
    long kinks =
        e.parameter().entries().stream()
            .filter(x -> x.verdict() == Verdict.FAIL && x.atKink())
            .count();
    if (kinks != e.failing().size()) {
      return Optional.empty();
    }
    return e.found(
        new BugShape.KinkOutside((int) kinks),
        0.8,
        ("subgradient outside the kink — at %s the function has a kink and the analytic value"
                + " lies outside its one-sided derivatives: not a valid subgradient")
            .formatted(e.labels(e.failing())));
  }

  /**
   * The analytic value is not zero where the function is exactly flat: every failing entry's
   * numeric derivative is exactly zero, no step having changed the function.
   */
  static Optional<Diagnosis> whereFlat(Evidence e) {
    List<Integer> failing = e.failing();
    Fit fit = e.fit();
    if (!failing.stream().allMatch(i -> fit.numeric[i] == 0 && fit.analytic[i] != 0)) {
      return Optional.empty();
    }
    return e.found(
        new BugShape.MissingMask(failing.size(), e.known()),
        0.75,
        ("gradient where the function is flat — on %d of %d%s%s (%s) no step changed the"
                + " function, but the analytic value is not zero: a missing mask, such as a"
                + " ReLU's dead units or a clipped region")
            .formatted(failing.size(), e.known(), e.entriesOf(), e.name(), e.labels(failing)));
  }

  /** The analytic value is zero on the failing entries, where the numeric one is not. */
  static Optional<Diagnosis> missing(Evidence e) {
    return subset(
        e,
        i -> 0.0,
        new BugShape.MissingGradient(e.failing().size(), e.known()),
        e.jacobian()
            ? "missing entries — analytic is zero where numeric is not, on "
            : "missing gradient — analytic is zero where numeric is not, on ");
  }

  /** The analytic value is the negated numeric one on the failing entries. */
  static Optional<Diagnosis> flipped(Evidence e) {
    return subset(
        e,
        i -> -e.fit().numeric[i],
        new BugShape.SignFlip(e.failing().size(), e.known()),
        "sign error — analytic = -numeric on ");
  }

  /** A model that holds on every failing entry: "<what> 3 of 12 entries of 'W': W[0][1], …". */
  private static Optional<Diagnosis> subset(
      Evidence e, java.util.function.IntToDoubleFunction model, BugShape shape, String what) {
    List<Integer> failing = e.failing();
    if (!e.fit().holds(failing::contains, model, 1)) {
      return Optional.empty();
    }
    return e.found(
        shape,
        0.7,
        "%s%d of %d%s%s: %s"
            .formatted(
                what, failing.size(), e.known(), e.entriesOf(), e.name(), e.labels(failing)));
  }

  /** At most half the entries fail, in no simpler pattern: the rest is right. */
  static Optional<Diagnosis> partly(Evidence e) {
    List<Integer> failing = e.failing();
    if (failing.size() * 2 > e.known()) {
      return Optional.empty();
    }
    Fit fit = e.fit();
    String pattern = e.labels(failing);
    double c = fit.scale(failing::contains);
    OptionalDouble factor = OptionalDouble.empty();
    if (Double.isFinite(c) && fit.holds(failing::contains, i -> c * fit.numeric[i], 1)) {
      factor = OptionalDouble.of(c);
      pattern += ": analytic = " + Wording.factor(c) + " × numeric there";
    }
    return e.found(
        new BugShape.Partial(failing.size(), e.known(), e.labelList(failing), factor),
        0.4,
        "partly wrong — %d of %d%s%s disagree (%s), the rest is right"
            .formatted(failing.size(), e.known(), e.entriesOf(), e.name(), pattern));
  }

  /** Nothing known fits. */
  static Diagnosis unexplained(Evidence e) {
    return e.found(
            new BugShape.Unexplained(),
            0.0,
            ("no known bug shape fits — %d of %d%s%s disagree, without a common sign, scale,"
                    + " transpose, shift, zeros or slice")
                .formatted(e.failing().size(), e.known(), e.entriesOf(), e.name()))
        .orElseThrow();
  }
}
