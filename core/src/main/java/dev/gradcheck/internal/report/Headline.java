package dev.gradcheck.internal.report;

import dev.gradcheck.CheckResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.result.DefaultCheckResult;
import dev.gradcheck.internal.text.Numbers;
import java.util.ArrayList;
import java.util.List;

/** The first line of a report: what was checked and how it came out, with exact counts. */
final class Headline {

  private Headline() {}

  static String headline(CheckResult result) {
    switch (result.outcome()) {
      case PASSED:
        int verified = result.parameters().stream().mapToInt(ParameterResult::verified).sum();
        int parameters = result.parameters().size();
        return "%s check passed: %d %s of %d %s verified %s"
            .formatted(
                noun(result),
                verified,
                verified == 1 ? "entry" : "entries",
                parameters,
                parameters == 1 ? "parameter" : "parameters",
                summary(result.parameters(), false));
      case CONTRACT_BROKEN:
        return noun(result) + " check failed: " + result.violations().get(0).title();
      case INCOMPLETE:
        return noun(result) + " check incomplete: " + shortfalls(result, minCoverage(result));
      case INCONCLUSIVE:
        return noun(result) + " check inconclusive: " + shortfalls(result, minCoverage(result));
      default:
        return failedHeadline(result);
    }
  }

  /** The minimum coverage the result was judged with (1 when it cannot be known). */
  static double minCoverage(CheckResult result) {
    return result instanceof DefaultCheckResult d ? d.minCoverage() : 1;
  }

  /**
   * What each parameter that falls short of a pass lacks, with exact counts; more than three such
   * parameters are summed up in one statement that names them.
   */
  static String shortfalls(CheckResult result, double minCoverage) {
    List<ParameterResult> lacking =
        result.parameters().stream()
            .filter(p -> p.coverage() < minCoverage || p.unresolved() > 0)
            .toList();
    if (lacking.size() > 3) {
      List<String> names = lacking.stream().map(ParameterResult::name).toList();
      String listed =
          String.join(", ", names.subList(0, 4))
              + (names.size() > 4 ? " and " + (names.size() - 4) + " more" : "");
      return shortfall(
          sum(lacking, ParameterResult::verified),
          sum(lacking, ParameterResult::size),
          lacking.size() + " parameters (" + listed + ")",
          Double.NaN,
          minCoverage,
          sum(lacking, ParameterResult::unresolved),
          sum(lacking, p -> p.count(Verdict.INCONCLUSIVE)),
          sum(lacking, ParameterResult::coarse),
          sum(lacking, ParameterResult::unchecked));
    }
    List<String> parts = new ArrayList<>();
    for (ParameterResult p : lacking) {
      parts.add(
          shortfall(
              p.verified(),
              p.size(),
              "'" + p.name() + "'",
              p.coverage(),
              minCoverage,
              p.unresolved(),
              p.count(Verdict.INCONCLUSIVE),
              p.coarse(),
              p.unchecked()));
    }
    return String.join("; ", parts);
  }

  static String shortfall(
      int verified,
      int size,
      String of,
      double coverage,
      double minCoverage,
      int unresolved,
      int inconclusive,
      int coarse,
      int unchecked) {
    List<String> why = new ArrayList<>();
    if (unresolved > 0) {
      why.add(unresolved + " in disagreeing directions, not localized");
    }
    if (inconclusive > 0) {
      why.add(inconclusive + " inconclusive");
    }
    if (coarse > 0) {
      why.add(coarse + " passed only coarsely");
    }
    if (unchecked > 0) {
      why.add(
          unchecked
              + " unchecked: the evaluation budget ran out (raise maxEvaluations, or lower"
              + " minCoverage)");
    }
    return "%s of %d %s of %s verified%s%s"
        .formatted(
            verified == 0 ? "none" : Integer.toString(verified),
            size,
            size == 1 ? "entry" : "entries",
            of,
            verified == 0 || Double.isNaN(coverage)
                ? ""
                : " (%s, below the minimum coverage %s)"
                    .formatted(Numbers.percent(coverage), Numbers.percent(minCoverage)),
            why.isEmpty() ? "" : "; " + String.join(", ", why));
  }

  static int sum(
      List<ParameterResult> parameters, java.util.function.ToIntFunction<ParameterResult> f) {
    return parameters.stream().mapToInt(f).sum();
  }

  /** What was checked, as a headline names it: {@code gradient} or {@code Jacobian}. */
  static String noun(CheckResult result) {
    return switch (result.kind()) {
      case JACOBIAN -> "Jacobian";
      case JACOBIAN_VECTOR_PRODUCT -> "Jacobian-vector product";
      case HESSIAN -> "Hessian";
      default -> "gradient";
    };
  }

  static String failedHeadline(CheckResult result) {
    List<ParameterResult> failing = result.parameters().stream().filter(p -> !p.ok()).toList();
    List<ParameterResult> fine = result.parameters().stream().filter(ParameterResult::ok).toList();
    String others = fine.isEmpty() ? "" : " " + summary(fine, true);
    if (failing.size() == 1) {
      ParameterResult p = failing.get(0);
      return "%s of '%s' is wrong: %s of %d %s%s%s"
          .formatted(
              noun(result),
              p.name(),
              disagreeing(p),
              p.size(),
              p.size() == 1 ? "entry disagrees" : "entries disagree",
              p.checked() < p.size() ? " (" + p.checked() + " checked alone)" : "",
              others);
    }
    List<String> parts = new ArrayList<>();
    for (ParameterResult p : failing) {
      parts.add("'" + p.name() + "' " + disagreeing(p) + " of " + p.size());
    }
    return noun(result) + "s are wrong: " + String.join(", ", parts) + " entries disagree" + others;
  }

  /**
   * How many entries disagree: exact when every other entry was verified, otherwise a lower bound
   * ("at least 32"), since unresolved, unchecked, inconclusive and coarse entries may hide more.
   */
  static String disagreeing(ParameterResult p) {
    int wrong = p.count(Verdict.FAIL);
    return exact(p) ? Integer.toString(wrong) : "at least " + wrong;
  }

  static boolean exact(ParameterResult p) {
    return p.unresolved() == 0
        && p.unchecked() == 0
        && p.count(Verdict.INCONCLUSIVE) == 0
        && p.coarse() == 0;
  }

  static String summary(List<ParameterResult> parameters, boolean ok) {
    List<String> parts = new ArrayList<>();
    for (ParameterResult p : parameters) {
      parts.add(p.name() + " " + p.verified() + "/" + p.size() + (ok ? " ok" : ""));
    }
    return "(" + String.join(", ", parts) + ")";
  }
}
