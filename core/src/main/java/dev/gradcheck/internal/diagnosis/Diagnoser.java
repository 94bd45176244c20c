package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Matches a failed check against known bug shapes and explains it: broken contracts first, then for
 * every failing parameter the simplest shape that explains all its entries — zeros, a constant
 * factor (sign, scale), a transpose, a shift, a proportional term, a skip path — then shapes that
 * explain its failing entries — one slice, a flipped or zeroed subset — and only then "partly
 * wrong" or "unexplained". A parameter without a failing entry is never diagnosed.
 */
public final class Diagnoser {

  /** Entries judged alone that a directional search needs before claiming a whole pattern. */
  private static final int WHOLE_EVIDENCE = 16;

  /** Shapes that must hold on every known entry, simplest first. */
  private static final List<ShapeMatcher> WHOLE_PARAMETER =
      List.of(
          ZeroGradients::disconnected,
          ZeroGradients::missing,
          ConstantFactor::match,
          Transposition::match,
          SwappedSlices::match,
          IdentityTerm::match,
          IndexShift::match,
          ProportionalTerm::match,
          SkipConnection::match);

  /** Shapes of the failing entries, tried when no whole-parameter shape fits. */
  private static final List<ShapeMatcher> FAILING_ENTRIES =
      List.of(
          FailingEntries::whereFlat,
          OneSlice::match,
          FailingEntries::missing,
          FailingEntries::flipped,
          FailingEntries::partly);

  private Diagnoser() {}

  /** Returns the diagnoses of a result, most confident first; empty when it passed. */
  public static List<Diagnosis> diagnose(CheckResult result) {
    List<Diagnosis> diagnoses = new ArrayList<>();
    for (ContractViolation v : result.violations()) {
      ViolationDiagnoses.of(v).ifPresent(diagnoses::add);
    }
    for (ParameterResult p : result.parameters()) {
      if (p.count(Verdict.FAIL) > 0) {
        diagnoses.add(
            diagnose(p, result.upstream().orElse(null), result.kind(), result.analyticNegated()));
      }
    }
    if (!result.violations().isEmpty()) {
      // A broken contract is the explanation on hand: "no known bug shape" beside it says nothing.
      diagnoses.removeIf(d -> d.shape() instanceof BugShape.Unexplained);
    }
    diagnoses.sort(Comparator.comparingDouble(Diagnosis::confidence).reversed());
    return diagnoses;
  }

  /** Explains one parameter that has failing entries. */
  static Diagnosis diagnose(
      ParameterResult parameter, double[] upstream, CheckKind kind, boolean negated) {
    Evidence e = Evidence.of(parameter, upstream, kind, negated);
    // A shape "on every entry" needs every entry, or, in a directional search, a good number
    // judged alone: a handful of entries do not show a whole-parameter pattern.
    boolean enough = parameter.checked() == parameter.size() || e.known() >= WHOLE_EVIDENCE;
    return FailingEntries.outsideKinks(e)
        .or(() -> enough ? first(WHOLE_PARAMETER, e) : Optional.empty())
        .or(() -> first(FAILING_ENTRIES, e))
        .orElseGet(() -> FailingEntries.unexplained(e));
  }

  private static Optional<Diagnosis> first(List<ShapeMatcher> matchers, Evidence e) {
    for (ShapeMatcher m : matchers) {
      Optional<Diagnosis> found = m.match(e);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
