package dev.gradcheck;

import dev.gradcheck.internal.diagnosis.Diagnoser;
import dev.gradcheck.internal.report.FactsRenderer;
import dev.gradcheck.internal.report.HtmlReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a gradient check: one {@link ParameterResult} per declared parameter, the broken
 * contracts found, the evaluations used and the seed that reproduces it.
 *
 * <pre>{@code
 * CheckResult result = GradientCheck.create().param("w", w, dw).loss(f).backward(g).run();
 * if (!result.passed()) {
 *   System.err.println(result.render());
 * }
 * }</pre>
 */
public final class CheckResult {

  private final String mode;
  private final List<ParameterResult> parameters;
  private final List<ContractViolation> violations;
  private final long evaluations;
  private final long seed;
  private final double noise;
  private final StepCurve stepCurve;
  private final double[] upstream;
  private List<Diagnosis> diagnoses;

  /**
   * Creates a result.
   *
   * @param mode what was checked, such as {@code loss gradient}
   * @param parameters the parameters' results, in declaration order
   * @param violations the broken contracts, in the order found
   * @param evaluations the number of forward evaluations used
   * @param seed the seed of every random choice the check made
   * @param noise the measured noise level (standard deviation) of the checked scalar
   * @param stepCurve the error-versus-step curve of the worst entry, or null when not traced
   */
  public CheckResult(
      String mode,
      List<ParameterResult> parameters,
      List<ContractViolation> violations,
      long evaluations,
      long seed,
      double noise,
      StepCurve stepCurve) {
    this(mode, parameters, violations, evaluations, seed, noise, stepCurve, null);
  }

  /**
   * Creates a result of a vector-Jacobian check, which knows its upstream gradient.
   *
   * @param mode what was checked
   * @param parameters the parameters' results, in declaration order
   * @param violations the broken contracts, in the order found
   * @param evaluations the number of forward evaluations used
   * @param seed the seed of every random choice the check made
   * @param noise the measured noise level (standard deviation) of the checked scalar
   * @param stepCurve the error-versus-step curve of the worst entry, or null when not traced
   * @param upstream the upstream gradient passed to the backward, flat, or null for a loss
   */
  public CheckResult(
      String mode,
      List<ParameterResult> parameters,
      List<ContractViolation> violations,
      long evaluations,
      long seed,
      double noise,
      StepCurve stepCurve,
      double[] upstream) {
    this.mode = mode;
    this.parameters = List.copyOf(parameters);
    this.violations = List.copyOf(violations);
    this.evaluations = evaluations;
    this.seed = seed;
    this.noise = noise;
    this.stepCurve = stepCurve;
    this.upstream = upstream == null ? null : upstream.clone();
  }

  /**
   * Returns the upstream gradient {@code dy} the backward received, flat and row-major, when the
   * check was of a forward with tensor output.
   *
   * @return a copy of the upstream gradient, or empty for a loss check
   */
  public Optional<double[]> upstream() {
    return Optional.ofNullable(upstream).map(double[]::clone);
  }

  /**
   * Returns what was checked: {@code loss gradient} or {@code vector-Jacobian product}.
   *
   * @return the mode
   */
  public String mode() {
    return mode;
  }

  /**
   * Returns the parameters' results in declaration order.
   *
   * @return an unmodifiable list of the parameters' results
   */
  public List<ParameterResult> parameters() {
    return parameters;
  }

  /**
   * Returns the result of the named parameter.
   *
   * @param name the declared name
   * @return the parameter's result
   * @throws IllegalArgumentException when no parameter has that name
   */
  public ParameterResult parameter(String name) {
    return parameters.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no parameter named '" + name + "'"));
  }

  /**
   * Returns the broken contracts found, in the order found.
   *
   * @return an unmodifiable list, empty when every contract held
   */
  public List<ContractViolation> violations() {
    return violations;
  }

  /**
   * Returns the number of forward (or loss) evaluations the check used.
   *
   * @return the number of evaluations
   */
  public long evaluations() {
    return evaluations;
  }

  /**
   * Returns the seed that reproduces every random choice of this check.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the measured noise level (standard deviation) of the checked scalar function.
   *
   * @return the standard deviation of the noise
   */
  public double noise() {
    return noise;
  }

  /**
   * Returns the central difference of the worst entry over a wide range of steps, traced when the
   * check failed or when {@link GradientCheck#traceWorstEntry(boolean)} asked for it.
   *
   * @return the curve, or empty when it was not traced
   */
  public Optional<StepCurve> stepCurve() {
    return Optional.ofNullable(stepCurve);
  }

  /**
   * Returns the number of entries with the given verdict over all parameters.
   *
   * @param verdict the verdict to count
   * @return the number of entries with that verdict
   */
  public int count(Verdict verdict) {
    return parameters.stream().mapToInt(p -> p.count(verdict)).sum();
  }

  /**
   * Returns whether the check passed: no broken contract, no failed entry, and at least one entry
   * verified, on its own or along a direction. A check in which every entry was inconclusive proved
   * nothing and does not pass.
   *
   * @return {@code true} when the check passed
   */
  public boolean passed() {
    return violations.isEmpty()
        && count(Verdict.FAIL) == 0
        && parameters.stream()
            .allMatch(
                p ->
                    p.unresolved() == 0
                        && (p.verified() > 0 || (p.unchecked() == p.size() && p.size() > 0)));
  }

  /**
   * Returns the likely bugs behind a failure, most confident first: one per broken contract that
   * has a known cause, and one per parameter with failing entries. Empty when the check passed;
   * correct code gets no diagnosis.
   *
   * @return an unmodifiable list of diagnoses, computed on first call
   */
  public List<Diagnosis> diagnoses() {
    if (diagnoses == null) {
      diagnoses = List.copyOf(Diagnoser.diagnose(this));
    }
    return diagnoses;
  }

  /**
   * Renders the result as aligned {@code key: value} facts, the text of a failure message.
   *
   * @return the rendered text
   */
  public String render() {
    return FactsRenderer.render(this, Map.of());
  }

  /**
   * Renders the result with further facts at the end, aligned with the others; a test framework
   * adds how to reproduce the check in its own terms.
   *
   * @param extraFacts facts to append, in iteration order
   * @return the rendered text
   */
  public String render(Map<String, String> extraFacts) {
    return FactsRenderer.render(this, extraFacts);
  }

  /**
   * Renders a self-contained HTML report: the facts, the diagnosis, a heat map of the error over
   * each parameter and the error-versus-step curve of the worst entry. No scripts, and nothing
   * loaded from the network.
   *
   * @param title what was checked, shown as the page's heading
   * @param extraFacts facts to append to the text, as in {@link #render(Map)}
   * @return the HTML document
   */
  public String renderHtml(String title, Map<String, String> extraFacts) {
    return HtmlReport.render(this, title, extraFacts);
  }

  /**
   * Throws when the check did not pass.
   *
   * @throws GradientCheckFailure carrying this result and its rendered text
   */
  public void assertPassed() {
    if (!passed()) {
      throw new GradientCheckFailure(this);
    }
  }

  @Override
  public String toString() {
    return render();
  }
}
