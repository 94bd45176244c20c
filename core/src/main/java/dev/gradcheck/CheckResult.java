package dev.gradcheck;

import dev.gradcheck.internal.report.FactsRenderer;
import java.util.List;
import java.util.Map;

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

  /**
   * Creates a result.
   *
   * @param mode what was checked, such as {@code loss gradient}
   * @param parameters the parameters' results, in declaration order
   * @param violations the broken contracts, in the order found
   * @param evaluations the number of forward evaluations used
   * @param seed the seed of every random choice the check made
   * @param noise the measured noise level (standard deviation) of the checked scalar
   */
  public CheckResult(
      String mode,
      List<ParameterResult> parameters,
      List<ContractViolation> violations,
      long evaluations,
      long seed,
      double noise) {
    this.mode = mode;
    this.parameters = List.copyOf(parameters);
    this.violations = List.copyOf(violations);
    this.evaluations = evaluations;
    this.seed = seed;
    this.noise = noise;
  }

  /** Returns what was checked: {@code loss gradient} or {@code vector-Jacobian product}. */
  public String mode() {
    return mode;
  }

  /** Returns the parameters' results in declaration order. */
  public List<ParameterResult> parameters() {
    return parameters;
  }

  /**
   * Returns the result of the named parameter.
   *
   * @throws IllegalArgumentException when no parameter has that name
   */
  public ParameterResult parameter(String name) {
    return parameters.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no parameter named '" + name + "'"));
  }

  /** Returns the broken contracts found, in the order found. */
  public List<ContractViolation> violations() {
    return violations;
  }

  /** Returns the number of forward (or loss) evaluations the check used. */
  public long evaluations() {
    return evaluations;
  }

  /** Returns the seed that reproduces every random choice of this check. */
  public long seed() {
    return seed;
  }

  /** Returns the measured noise level (standard deviation) of the checked scalar function. */
  public double noise() {
    return noise;
  }

  /** Returns the number of entries with the given verdict over all parameters. */
  public int count(Verdict verdict) {
    return parameters.stream().mapToInt(p -> p.count(verdict)).sum();
  }

  /**
   * Returns whether the check passed: no broken contract, no failed entry, and at least one entry
   * verified. A check in which every entry was inconclusive proved nothing and does not pass.
   */
  public boolean passed() {
    return violations.isEmpty()
        && count(Verdict.FAIL) == 0
        && count(Verdict.PASS) + count(Verdict.KINK) > 0;
  }

  /** Renders the result as aligned {@code key: value} facts, the text of a failure message. */
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
