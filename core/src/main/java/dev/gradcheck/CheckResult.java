package dev.gradcheck;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of a gradient check: one {@link ParameterResult} per declared parameter, the broken
 * contracts found, the diagnoses of what went wrong, the evaluations used and the seed that
 * reproduces it. Built by the check; users only read it.
 *
 * <pre>{@code
 * CheckResult result = GradientCheck.create().param("w", w, dw).loss(f).backward(g).run();
 * if (!result.passed()) {
 *   System.err.println(Report.text(result));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface CheckResult {

  /**
   * Returns the outcome: the most serious of {@link #findings()}.
   *
   * @return the outcome
   * @since 0.1
   */
  Outcome outcome();

  /**
   * Returns every outcome that applies, so that a check whose contract broke still shows that
   * entries failed, too. {@code [PASSED]} exactly when the check passed.
   *
   * @return an unmodifiable, non-empty set
   * @since 0.1
   */
  Set<Outcome> findings();

  /**
   * Returns whether the check passed.
   *
   * @return {@code true} when {@link #outcome()} is {@link Outcome#PASSED}
   */
  default boolean passed() {
    return outcome() == Outcome.PASSED;
  }

  /**
   * Returns what was checked.
   *
   * @return the kind of derivative
   * @since 0.1
   */
  CheckKind kind();

  /**
   * Returns the parameters' results in declaration order.
   *
   * @return an unmodifiable list of the parameters' results
   */
  List<ParameterResult> parameters();

  /**
   * Returns the result of the named parameter.
   *
   * @param name the declared name
   * @return the parameter's result
   * @throws IllegalArgumentException when no parameter has that name
   */
  default ParameterResult parameter(String name) {
    return parameters().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no parameter named '%s'".formatted(name)));
  }

  /**
   * Returns the broken contracts found, in the order found, this check's then its {@linkplain
   * #followUps() follow-ups'}.
   *
   * @return an unmodifiable list, empty when every contract held
   */
  List<ContractViolation> violations();

  /**
   * Returns the likely bugs behind a failure, most confident first: one per broken contract that
   * has a known cause, and one per parameter with failing entries; this check's, then its
   * {@linkplain #followUps() follow-ups'}. Empty when the check passed; correct code gets no
   * diagnosis.
   *
   * @return an unmodifiable list of diagnoses
   */
  List<Diagnosis> diagnoses();

  /**
   * Returns the number of forward (or loss) evaluations the check used, its {@linkplain
   * #followUps() follow-ups'} included.
   *
   * @return the number of evaluations
   */
  long evaluations();

  /**
   * Returns the seed that reproduces every random choice of this check.
   *
   * @return the seed
   */
  long seed();

  /**
   * Returns whether the analytic values are the negated ones the code returned, as {@link
   * GradientCheck#expectNegated()} declares: every {@link EntryResult#analytic()} is then the
   * derivative the code means, minus what it returned.
   *
   * @return whether the check negated the code's values
   * @since 0.1
   */
  boolean analyticNegated();

  /**
   * Returns the measured noise level (standard deviation) of the checked scalar function.
   *
   * @return the standard deviation of the noise
   */
  double noise();

  /**
   * Returns the central difference of the worst entry over a wide range of steps, traced when the
   * check failed or when {@link GradientCheck#traceWorstEntry(boolean)} asked for it.
   *
   * @return the curve, or empty when it was not traced
   */
  Optional<StepCurve> stepCurve();

  /**
   * Returns the upstream gradient {@code dy} the backward received, flat and row-major, when the
   * check was of a forward with tensor output.
   *
   * @return a copy of the upstream gradient, or empty for a loss check
   */
  Optional<double[]> upstream();

  /**
   * Returns the checks this declaration ran after this one, on what this one verified: the Hessian
   * of a loss whose gradient this check verified ({@link GradientCheck#hessian}), or the
   * Jacobian-vector product of a forward whose vector-Jacobian product it verified ({@link
   * GradientCheck#jacobianVectorProduct}). A follow-up runs unless this check found its derivative
   * wrong or its code broken (an inconclusive gradient, zero at a stationary point, does not stop
   * it); {@link #outcome()} and {@link #findings()} are of the whole declaration, follow-ups
   * included.
   *
   * @return the follow-ups' results, in the order run
   * @since 0.1
   */
  List<CheckResult> followUps();

  /**
   * Returns the follow-ups that were declared but not run, because this check found its derivative
   * wrong or its code broken: a Hessian is compared with differences of the gradient.
   *
   * @return the kinds of the follow-ups not run
   * @since 0.1
   */
  List<CheckKind> skipped();

  /**
   * Returns the number of entries with the given verdict over all parameters.
   *
   * @param verdict the verdict to count
   * @return the number of entries with that verdict
   */
  default int count(Verdict verdict) {
    return parameters().stream().mapToInt(p -> p.count(verdict)).sum();
  }

  /**
   * Throws when the check did not pass.
   *
   * @throws GradientCheckFailure carrying this result, with {@link Report#text(CheckResult)} as its
   *     message
   */
  default void assertPassed() {
    if (!passed()) {
      throw new GradientCheckFailure(this);
    }
  }
}
