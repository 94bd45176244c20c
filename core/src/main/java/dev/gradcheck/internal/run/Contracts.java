package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The contracts of the forward and backward at the declared point, checked before any derivative is
 * compared: repeated forwards agree, neither pass mutates a parameter or replaces a row, the
 * backward's gradients are finite and a second backward repeats the first.
 */
final class Contracts {

  /**
   * Evaluations of the declared point, the first included, compared bit for bit: every period up to
   * this many calls is seen.
   */
  static final int REPEATS = 10;

  private static final Predicate<ContractViolation> NONDETERMINISTIC =
      ContractViolation.NondeterministicForward.class::isInstance;

  /** Mixed into the seed for the linearity contract's inputs, apart from every other draw. */
  private static final long LINEARITY_STREAM = 0x4C494E4541524954L;

  /** Relative difference between two backward passes still taken as the same gradient. */
  private static final double REPEAT_TOLERANCE = 64 * Math.ulp(1.0);

  private final List<Declared> parameters;
  private final Objective objective;
  private final Settings settings;
  private final List<Snapshot> snapshots;
  private final List<ContractViolation> violations;
  private double[] baseline;

  Contracts(
      List<Declared> parameters,
      Objective objective,
      Settings settings,
      List<Snapshot> snapshots,
      List<ContractViolation> violations) {
    this.parameters = parameters;
    this.objective = objective;
    this.settings = settings;
    this.snapshots = snapshots;
    this.violations = violations;
  }

  /**
   * Evaluates the forward twice and the backward twice at the declared point, recording every
   * broken contract; fills {@code analytic} with the first backward's gradients.
   *
   * @return the value at the declared point
   */
  double atDeclaredPoint(double[][] analytic) {
    objective.clearDerivatives(parameters);
    double f0 = objective.evaluate();
    baseline = objective.capture();
    checkUnchanged("forward");
    if (!Double.isFinite(f0)) {
      violations.add(
          objective.nonFinite(f0, "at the declared point%s".formatted(nonFiniteEntry())));
      return f0;
    }
    checkRows("forward");
    objective.backward();
    checkUnchanged("backward");
    checkRows("backward");
    for (int p = 0; p < parameters.size(); p++) {
      analytic[p] = signed(objective.derivatives(parameters, p));
      checkFinite(parameters.get(p), analytic[p]);
    }
    objective.consistency().ifPresent(violations::add);
    // The declared point again, on consecutive calls: a forward that changes every p-th call
    // (p <= REPEATS) shows, and unseeded dropout is caught unless REPEATS masks all agree.
    // A forward that mutates its parameters moves the point with each call: one repeat only.
    int repeats =
        violations.stream().anyMatch(ContractViolation.MutatedParameter.class::isInstance)
            ? 2
            : REPEATS;
    for (int i = 1; i < repeats && violations.stream().noneMatch(NONDETERMINISTIC); i++) {
      objective.evaluate();
      checkSame(baseline, objective.capture());
    }
    snapshots.forEach(Snapshot::restore);
    objective.backward();
    if (violations.stream()
        .noneMatch(
            v ->
                v instanceof ContractViolation.NondeterministicForward
                    || v instanceof ContractViolation.MutatedParameter)) {
      // After a nondeterministic or mutating forward the second backward runs at another point:
      // a difference would not be an accumulation.
      for (int p = 0; p < parameters.size(); p++) {
        checkRepeatable(
            parameters.get(p), analytic[p], signed(objective.derivatives(parameters, p)));
      }
    }
    if (violations.isEmpty()) {
      java.util.Optional<LinearMap> map = objective.linearMap(parameters);
      map.flatMap(
              m ->
                  LinearityContract.check(
                      m, new java.util.SplittableRandom(settings.seed() ^ LINEARITY_STREAM)))
          .ifPresent(violations::add);
      if (map.isPresent()) {
        // The user's gradients end as the check's own backward leaves them.
        objective.backward();
      }
    }
    return f0;
  }

  /** The user's derivatives as compared: negated when the user declared that convention. */
  private double[] signed(double[] derivatives) {
    if (settings.negated()) {
      for (int i = 0; i < derivatives.length; i++) {
        derivatives[i] = -derivatives[i];
      }
    }
    return derivatives;
  }

  /** The output entries at the declared point, as the first evaluation returned them. */
  double[] baseline() {
    return baseline.clone();
  }

  /**
   * A forward that looks like pure noise may be random rather than noisy (dropout without a seed
   * that happened to repeat itself once): evaluate the declared point a few more times.
   */
  void repeatedly() {
    for (int i = 0; i < 4 && violations.isEmpty(); i++) {
      objective.evaluate();
      checkSame(baseline, objective.capture());
    }
  }

  boolean onlyBackwardRepeat() {
    // The first backward's gradient can still be judged when only later backward calls differed
    // from it: a second one at the same point, or the linearity contract's other inputs.
    return violations.stream()
        .allMatch(
            v ->
                v instanceof ContractViolation.AccumulatingBackward
                    || v instanceof ContractViolation.UnrepeatableBackward
                    // A backward's first gradient is still the one judged; a matrix built from
                    // products that are not linear is not a matrix to judge.
                    || (v instanceof ContractViolation.NotLinear && !objective.perOutput()));
  }

  private void checkRows(String during) {
    if (violations.stream().anyMatch(ContractViolation.ReplacedRow.class::isInstance)) {
      return; // reported once
    }
    for (Declared p : parameters) {
      p.values()
          .replacedRow()
          .ifPresent(
              row ->
                  violations.add(
                      new ContractViolation.ReplacedRow(
                          "parameter '%s'".formatted(p.name()), row, during)));
      if (p.gradient() == null) {
        continue;
      }
      p.gradient()
          .replacedRow()
          .ifPresent(
              row ->
                  violations.add(
                      new ContractViolation.ReplacedRow(
                          "gradient of '%s'".formatted(p.name()), row, during)));
    }
  }

  private void checkUnchanged(String during) {
    for (int p = 0; p < parameters.size(); p++) {
      java.util.Optional<ContractViolation> mutated =
          firstChange(
              p,
              (name, entry, before, after) ->
                  new ContractViolation.MutatedParameter(name, entry, during, before, after));
      if (mutated.isPresent()) {
        violations.add(mutated.get());
        snapshots.get(p).restore();
      }
    }
  }

  /** After the final restore: any parameter that still differs was not restored. */
  void restored() {
    for (int p = 0; p < parameters.size(); p++) {
      firstChange(p, ContractViolation.ParameterNotRestored::new).ifPresent(violations::add);
    }
  }

  /** A violation about a parameter's first changed entry. */
  @FunctionalInterface
  private interface Change {
    ContractViolation of(String parameter, String entry, double before, double after);
  }

  /** The violation about the first entry of parameter {@code p} that differs from its snapshot. */
  private java.util.Optional<ContractViolation> firstChange(int p, Change change) {
    OptionalInt changed = snapshots.get(p).firstDifference();
    if (changed.isEmpty()) {
      return java.util.Optional.empty();
    }
    int i = changed.getAsInt();
    Declared parameter = parameters.get(p);
    return java.util.Optional.of(
        change.of(
            parameter.name(),
            parameter.label(i),
            snapshots.get(p).value(i),
            parameter.values().get(i)));
  }

  private void checkFinite(Declared parameter, double[] gradient) {
    for (int i = 0; i < gradient.length; i++) {
      if (!Double.isFinite(gradient[i])) {
        violations.add(
            new ContractViolation.NonFiniteValue(
                "%s %s"
                    .formatted(objective.derivativeNoun(), objective.derivativeLabel(parameter, i)),
                gradient[i],
                "after the %s".formatted(objective.backwardName())));
        return;
      }
    }
  }

  private void checkSame(double[] first, double[] second) {
    for (int i = 0; i < first.length; i++) {
      if (!same(first[i], second[i], settings.repeatTolerance())) {
        violations.add(
            new ContractViolation.NondeterministicForward(objective.label(i), first[i], second[i]));
        return;
      }
    }
  }

  /**
   * Compares two backward passes at the same point. A second pass that differs is an accumulation
   * only when it is the first plus the stale first on every entry ({@code second = 2 × first}, as a
   * {@code +=} into arrays never cleared gives); any other difference is a backward that depends on
   * call order or hidden state, or is nondeterministic.
   */
  private void checkRepeatable(Declared parameter, double[] first, double[] second) {
    double tolerance = Math.max(REPEAT_TOLERANCE, settings.repeatTolerance());
    for (int i = 0; i < first.length; i++) {
      if (!same(first[i], second[i], tolerance)) {
        boolean accumulated = true;
        for (int j = 0; j < first.length && accumulated; j++) {
          accumulated = same(2 * first[j], second[j], tolerance);
        }
        violations.add(
            accumulated
                ? new ContractViolation.AccumulatingBackward(
                    parameter.name(), objective.derivativeLabel(parameter, i), first[i], second[i])
                : new ContractViolation.UnrepeatableBackward(
                    parameter.name(),
                    objective.derivativeLabel(parameter, i),
                    first[i],
                    second[i]));
        return;
      }
    }
  }

  /**
   * ", where x[1] = NaN (a parameter entry that is not finite)" for the first declared entry that
   * is NaN or infinite, the likely reason for a non-finite value at the declared point; empty when
   * every entry is finite.
   */
  private String nonFiniteEntry() {
    for (int p = 0; p < parameters.size(); p++) {
      Snapshot snapshot = snapshots.get(p);
      for (int i = 0; i < parameters.get(p).values().size(); i++) {
        double x = snapshot.value(i);
        if (!Double.isFinite(x)) {
          return ", where %s = %s (a parameter entry that is not finite)"
              .formatted(parameters.get(p).label(i), x);
        }
      }
    }
    return "";
  }

  /** Equal bit for bit, or within a relative tolerance. */
  private static boolean same(double a, double b, double relative) {
    return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b)
        || Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b));
  }
}
