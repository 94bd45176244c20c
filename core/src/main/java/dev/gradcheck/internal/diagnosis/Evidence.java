package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.CheckKind;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.result.DefaultDiagnosis;
import dev.gradcheck.internal.storage.MultiIndex;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a matcher sees of one failing parameter: its result, the fit of its entries, its failing
 * entries, the upstream gradient of a vector-Jacobian check (null for a loss), what was checked (a
 * Jacobian's or Hessian's entries are a block of a matrix), and whether the analytic values are the
 * code's negated ({@code expectNegated()}).
 */
record Evidence(
    ParameterResult parameter,
    Fit fit,
    List<Integer> failing,
    int known,
    double[] upstream,
    CheckKind kind,
    boolean negated) {

  private static final int LISTED = 4;

  static Evidence of(
      ParameterResult parameter, double[] upstream, CheckKind kind, boolean negated) {
    Fit fit = new Fit(parameter);
    return new Evidence(parameter, fit, fit.failing(), fit.knownCount(), upstream, kind, negated);
  }

  /** Whether the entries are a matrix's block: a Jacobian's or a Hessian's. */
  boolean jacobian() {
    return kind == CheckKind.JACOBIAN
        || kind == CheckKind.JACOBIAN_VECTOR_PRODUCT
        || kind == CheckKind.HESSIAN;
  }

  /**
   * The parameter's name in quotes, as messages write it; for a Jacobian, its block: {@code the
   * Jacobian of 'theta'}.
   */
  String name() {
    if (!jacobian()) {
      return "'%s'".formatted(parameter.name());
    }
    return "the %s of '%s'"
        .formatted(kind == CheckKind.HESSIAN ? "Hessian" : "Jacobian", parameter.name());
  }

  /** A diagnosis of this parameter. */
  Optional<Diagnosis> found(BugShape shape, double confidence, String summary) {
    return Optional.of(new DefaultDiagnosis(parameter.name(), shape, confidence, summary));
  }

  /** The labels of some entries, the first four and how many in all. */
  String labels(List<Integer> entries) {
    String listed =
        entries.stream().limit(LISTED).map(this::label).collect(Collectors.joining(", "));
    return entries.size() > LISTED ? "%s, … (%d in all)".formatted(listed, entries.size()) : listed;
  }

  /** The label of the entry at a position of the fit: its own label when it was judged. */
  private String label(int i) {
    return fit.labels[i] != null
        ? fit.labels[i]
        : MultiIndex.format(parameter.name(), parameter.shape(), i);
  }

  /** Every label of some entries. */
  List<String> labelList(List<Integer> entries) {
    return entries.stream().map(this::label).toList();
  }

  /** " entries of ", or " entries checked alone of " when a directional search judged only some. */
  String entriesOf() {
    return parameter.checked() == parameter.size() ? " entries of " : " entries checked alone of ";
  }

  /**
   * "every entry of ", or "all 32 entries checked alone (of 50000) of " in a directional search.
   */
  String every() {
    return parameter.checked() == parameter.size()
        ? "every entry of "
        : "all %s entries checked alone (of %s) of ".formatted(known, parameter.size());
  }

  /**
   * ", every other entry is right" only when every other entry was verified or covered by agreeing
   * directions; otherwise says how many were not.
   */
  String othersRight() {
    int unverified =
        parameter.unresolved()
            + parameter.unchecked()
            + parameter.count(Verdict.INCONCLUSIVE)
            + parameter.coarse();
    if (unverified == 0) {
      return parameter.coveredByDirections() > 0
          ? ", every other entry is right (checked alone or along agreeing directions)"
          : ", every other entry is right";
    }
    return ", every other entry verified is right (%d %s not verified)"
        .formatted(unverified, unverified == 1 ? "entry was" : "entries were");
  }
}
