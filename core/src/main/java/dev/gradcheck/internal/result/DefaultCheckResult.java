package dev.gradcheck.internal.result;

import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.Outcome;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.StepCurve;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.text.Numbers;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The result of a check, with its findings decided once, from the evidence gathered.
 *
 * @param kind what was checked
 * @param parameters the parameters' results, in declaration order
 * @param violations the broken contracts, in the order found
 * @param diagnoses the diagnoses, most confident first
 * @param evaluations the number of forward evaluations used
 * @param seed the seed of every random choice the check made
 * @param noise the measured noise level (standard deviation) of the checked scalar
 * @param rounding the rounding level of the checked scalar's value in the working precision
 * @param curve the error-versus-step curve of the worst entry, or null when not traced
 * @param upstreamGradient the upstream gradient passed to the backward, flat, or null for a loss
 * @param minCoverage the least fraction of each parameter's entries that must be verified
 * @param analyticNegated whether the analytic values are the negated ones the code returned
 * @param followUps the checks run after this one on what it verified
 * @param skipped the follow-ups declared but not run, because this check did not pass
 */
public record DefaultCheckResult(
    CheckKind kind,
    List<ParameterResult> parameters,
    List<ContractViolation> violations,
    List<Diagnosis> diagnoses,
    long evaluations,
    long seed,
    double noise,
    double rounding,
    StepCurve curve,
    double[] upstreamGradient,
    double minCoverage,
    boolean analyticNegated,
    List<CheckResult> followUps,
    List<CheckKind> skipped)
    implements CheckResult {

  /** Copies the mutable components. */
  public DefaultCheckResult {
    parameters = List.copyOf(parameters);
    violations = List.copyOf(violations);
    diagnoses = List.copyOf(diagnoses);
    upstreamGradient = upstreamGradient == null ? null : upstreamGradient.clone();
    followUps = List.copyOf(followUps);
    skipped = List.copyOf(skipped);
  }

  /**
   * A result without follow-ups.
   *
   * @param kind what was checked
   * @param parameters the parameters' results, in declaration order
   * @param violations the broken contracts, in the order found
   * @param diagnoses the diagnoses, most confident first
   * @param evaluations the number of forward evaluations used
   * @param seed the seed of every random choice the check made
   * @param noise the measured noise level of the checked scalar
   * @param rounding the rounding level of the checked scalar's value
   * @param curve the error-versus-step curve of the worst entry, or null
   * @param upstreamGradient the upstream gradient passed to the backward, or null
   * @param minCoverage the least fraction of each parameter's entries that must be verified
   * @param analyticNegated whether the analytic values are the negated ones the code returned
   */
  public DefaultCheckResult(
      CheckKind kind,
      List<ParameterResult> parameters,
      List<ContractViolation> violations,
      List<Diagnosis> diagnoses,
      long evaluations,
      long seed,
      double noise,
      double rounding,
      StepCurve curve,
      double[] upstreamGradient,
      double minCoverage,
      boolean analyticNegated) {
    this(
        kind,
        parameters,
        violations,
        diagnoses,
        evaluations,
        seed,
        noise,
        rounding,
        curve,
        upstreamGradient,
        minCoverage,
        analyticNegated,
        List.of(),
        List.of());
  }

  /**
   * Returns this result with the follow-up checks run after it, and those not run.
   *
   * @param run the follow-ups' results
   * @param notRun the follow-ups declared but not run
   * @return the result
   */
  public DefaultCheckResult withFollowUps(List<CheckResult> run, List<CheckKind> notRun) {
    return copy(violations, diagnoses, run, notRun);
  }

  /**
   * Returns this result with these broken contracts (its own, follow-ups aside).
   *
   * @param found the broken contracts, in the order found
   * @return a result with the same evidence and these contracts
   */
  public DefaultCheckResult withViolations(List<ContractViolation> found) {
    return copy(found, diagnoses, followUps, skipped);
  }

  private DefaultCheckResult copy(
      List<ContractViolation> violations,
      List<Diagnosis> diagnoses,
      List<CheckResult> followUps,
      List<CheckKind> skipped) {
    return new DefaultCheckResult(
        kind,
        parameters,
        violations,
        diagnoses,
        evaluations,
        seed,
        noise,
        rounding,
        curve,
        upstreamGradient,
        minCoverage,
        analyticNegated,
        followUps,
        skipped);
  }

  /**
   * Returns this result with its diagnoses.
   *
   * @param found the diagnoses, most confident first
   * @return a result with the same evidence and these diagnoses
   */
  public DefaultCheckResult withDiagnoses(List<Diagnosis> found) {
    return copy(violations, found, followUps, skipped);
  }

  /** This check's broken contracts, then its follow-ups'. */
  @Override
  public List<ContractViolation> violations() {
    if (followUps.isEmpty()) {
      return violations;
    }
    List<ContractViolation> all = new java.util.ArrayList<>(violations);
    followUps.forEach(f -> all.addAll(f.violations()));
    return List.copyOf(all);
  }

  /** This check's diagnoses, then its follow-ups'. */
  @Override
  public List<Diagnosis> diagnoses() {
    if (followUps.isEmpty()) {
      return diagnoses;
    }
    List<Diagnosis> all = new java.util.ArrayList<>(diagnoses);
    followUps.forEach(f -> all.addAll(f.diagnoses()));
    return List.copyOf(all);
  }

  /** The evaluations of this check and of its follow-ups. */
  @Override
  public long evaluations() {
    return evaluations + followUps.stream().mapToLong(CheckResult::evaluations).sum();
  }

  @Override
  public Outcome outcome() {
    Outcome worst = Outcome.PASSED;
    for (Outcome o : findings()) {
      if (o.moreSeriousThan(worst)) {
        worst = o;
      }
    }
    return worst;
  }

  @Override
  public Set<Outcome> findings() {
    Set<Outcome> found = EnumSet.noneOf(Outcome.class);
    if (!violations.isEmpty()) {
      found.add(Outcome.CONTRACT_BROKEN);
    }
    for (ParameterResult p : parameters) {
      if (p.count(Verdict.FAIL) > 0) {
        found.add(Outcome.FAILED);
      }
      shortfall(p).ifPresent(found::add);
    }
    for (CheckResult next : followUps) {
      next.findings().stream().filter(o -> o != Outcome.PASSED).forEach(found::add);
    }
    if (found.isEmpty()) {
      found.add(Outcome.PASSED);
    }
    return Collections.unmodifiableSet(found);
  }

  /**
   * Why a parameter's evidence falls short of a pass, if it does: entries left unresolved or
   * unchecked below the minimum coverage make it incomplete; a parameter every entry of which was
   * tried and none verified is inconclusive; a verified fraction below the minimum is incomplete.
   */
  private Optional<Outcome> shortfall(ParameterResult p) {
    if (p.size() == 0) {
      return Optional.empty();
    }
    boolean enough = p.coverage() >= minCoverage;
    if (p.unresolved() > 0 || (p.unchecked() > 0 && !enough)) {
      return Optional.of(Outcome.INCOMPLETE);
    }
    if (p.verified() == 0 && p.count(Verdict.FAIL) == 0) {
      return Optional.of(Outcome.INCONCLUSIVE);
    }
    return enough || p.count(Verdict.FAIL) > 0 ? Optional.empty() : Optional.of(Outcome.INCOMPLETE);
  }

  @Override
  public Optional<StepCurve> stepCurve() {
    return Optional.ofNullable(curve);
  }

  @Override
  public Optional<double[]> upstream() {
    return Optional.ofNullable(upstreamGradient).map(double[]::clone);
  }

  @Override
  public String toString() {
    return "CheckResult[%s, %s, %d parameters, %d evaluations, seed %s]"
        .formatted(
            outcome(), kind.description(), parameters.size(), evaluations, Numbers.seed(seed));
  }
}
