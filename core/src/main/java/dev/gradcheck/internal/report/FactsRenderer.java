package dev.gradcheck.internal.report;

import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.EntryResult;
import dev.gradcheck.Outcome;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.result.DefaultCheckResult;
import dev.gradcheck.internal.result.WorstFirst;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders a {@link CheckResult} as a headline and aligned facts. */
public final class FactsRenderer {

  private static final int WORST = 5;

  /** Noise this many times the value's rounding is real noise, not rounding. */
  private static final double REAL_NOISE = 100;

  private FactsRenderer() {}

  /**
   * Renders the result, then the extra facts. A declaration with a follow-up (a Hessian after the
   * gradient) is rendered as the check that decides it: a failing follow-up with a line saying the
   * first check was verified, otherwise the first check with a line per follow-up.
   */
  public static String render(CheckResult result, Map<String, String> extraFacts) {
    CheckResult own = alone(result);
    Optional<CheckResult> failing = failingFollowUp(result);
    CheckResult deciding = failing.orElse(own);
    Map<String, String> more = new java.util.LinkedHashMap<>();
    if (failing.isPresent()) {
      more.put(
          noun(own),
          (own.passed() ? "verified first " : own.outcome().name().toLowerCase(Locale.ROOT) + " ")
              + summary(own.parameters(), false));
    } else {
      for (CheckResult next : result.followUps()) {
        more.put(
            noun(next),
            (next.passed() ? "verified too " : "not passed ")
                + summary(next.parameters(), false)
                + ", "
                + next.evaluations()
                + " evaluations");
      }
      for (CheckKind skipped : result.skipped()) {
        more.put(
            skipped == CheckKind.HESSIAN ? "Hessian" : skipped.description(),
            "not checked: it is compared with the "
                + noun(own)
                + ", which "
                + (own.outcome() == Outcome.CONTRACT_BROKEN ? "broke a contract" : "failed"));
      }
    }
    more.putAll(extraFacts);
    String headline = headline(deciding);
    if (failing.isEmpty() && result.passed() && !result.followUps().isEmpty()) {
      List<String> names = new ArrayList<>(List.of(noun(own)));
      result.followUps().forEach(next -> names.add(noun(next)));
      headline =
          String.join(" and ", names)
              + " checks passed: "
              + headline.substring(headline.indexOf(": ") + 2);
    }
    return renderOne(deciding, headline, more);
  }

  /**
   * The check that decides a declaration's outcome: its first failing follow-up when the first
   * check passed, else the first check on its own.
   */
  public static CheckResult deciding(CheckResult result) {
    return failingFollowUp(result).orElseGet(() -> alone(result));
  }

  /** The first follow-up that did not pass, when it ran. */
  private static Optional<CheckResult> failingFollowUp(CheckResult result) {
    CheckResult own = alone(result);
    if (!own.passed() && own.count(Verdict.FAIL) > 0) {
      return Optional.empty();
    }
    return result.followUps().stream().filter(next -> !next.passed()).findFirst();
  }

  /** The first check of a declaration, without its follow-ups: the same object when it has none. */
  private static CheckResult alone(CheckResult result) {
    return result instanceof DefaultCheckResult d && !d.followUps().isEmpty()
        ? d.withFollowUps(List.of(), d.skipped())
        : result;
  }

  private static String renderOne(
      CheckResult result, String headline, Map<String, String> extraFacts) {
    Facts facts = new Facts(headline);
    List<Diagnosis> diagnoses = result.diagnoses();
    if (!diagnoses.isEmpty()) {
      facts.add(diagnoses.size() == 1 ? "likely bug" : "likely bugs", diagnoses.get(0).summary());
      for (Diagnosis d : diagnoses.subList(1, diagnoses.size())) {
        facts.add("", d.summary());
      }
    }
    for (ContractViolation v : result.violations()) {
      facts.add("problem", v.title() + ": " + v.describe());
    }
    for (ParameterResult p : result.parameters()) {
      if (p.flat()) {
        facts.add(
            "flat",
            ("the %s does not depend on '%s' at this point: every entry checked is exactly flat"
                    + " (analytic 0, and no step changed the %s). The code may be right; more"
                    + " points may help. A forward that reads a copy of '%s' while the backward"
                    + " writes a new object looks exactly like this.")
                .formatted(function(result), p.name(), function(result), p.name()));
      }
    }
    worstEntry(result)
        .ifPresent(
            worst -> {
              facts.add("worst entry", worst.label() + " (" + worst.verdict() + ")");
              if (Double.isNaN(worst.numeric())) {
                facts.add("analytic", Numbers.value(worst.analytic()));
                if (!worst.note().isEmpty()) {
                  facts.add("note", worst.note());
                }
                return;
              }
              List<String> numbers =
                  Facts.alignDecimals(
                      List.of(Numbers.value(worst.analytic()), Numbers.value(worst.numeric())));
              facts.add("analytic", numbers.get(0).stripTrailing());
              facts.add(
                  "numeric",
                  numbers.get(1).stripTrailing() + " ± " + Numbers.error(worst.numericError()));
              facts.add(
                  "difference",
                  Numbers.error(worst.absoluteError())
                      + " (allowed "
                      + Numbers.error(worst.allowed())
                      + ", relative "
                      + Numbers.error(worst.relativeError())
                      + ")");
              if (!worst.note().isEmpty()) {
                facts.add("note", worst.note());
              }
            });
    List<EntryResult> worst = worstEntries(result);
    if (worst.size() > 1) {
      facts.addBlock("worst entries", entryTable(worst));
    }
    if (!result.parameters().isEmpty()) {
      facts.addBlock("parameters", parameterTable(result.parameters()));
    }
    int unresolved = result.parameters().stream().mapToInt(ParameterResult::unresolved).sum();
    if (unresolved > 0) {
      facts.add(
          "unresolved",
          unresolved
              + (unresolved == 1 ? " entry lies" : " entries lie")
              + " in random directions that disagree with the analytic gradient, not localized"
              + " after the most entries judged alone; CheckMode.EXHAUSTIVE checks each");
    }
    int unchecked = result.parameters().stream().mapToInt(ParameterResult::unchecked).sum();
    if (unchecked > 0) {
      facts.add(
          "unchecked",
          unchecked
              + (unchecked == 1 ? " entry" : " entries")
              + ": the evaluation budget ran out after "
              + result.evaluations()
              + " evaluations");
    }
    facts.add("check", result.kind().description());
    facts.add("noise", Numbers.error(result.noise()) + noiseEffect(result));
    facts.add("seed", Numbers.seed(result.seed()));
    facts.add("evaluations", Long.toString(result.evaluations()));
    extraFacts.forEach(facts::add);
    return facts.render();
  }

  private static String headline(CheckResult result) {
    switch (result.outcome()) {
      case PASSED:
        int verified = result.parameters().stream().mapToInt(ParameterResult::verified).sum();
        return noun(result)
            + " check passed: "
            + verified
            + (verified == 1 ? " entry of " : " entries of ")
            + result.parameters().size()
            + (result.parameters().size() == 1 ? " parameter" : " parameters")
            + " verified "
            + summary(result.parameters(), false);
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
  private static double minCoverage(CheckResult result) {
    return result instanceof DefaultCheckResult d ? d.minCoverage() : 1;
  }

  /**
   * What each parameter that falls short of a pass lacks, with exact counts; more than three such
   * parameters are summed up in one statement that names them.
   */
  private static String shortfalls(CheckResult result, double minCoverage) {
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

  private static String shortfall(
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
    return (verified == 0 ? "none" : Integer.toString(verified))
        + " of "
        + size
        + (size == 1 ? " entry" : " entries")
        + " of "
        + of
        + " verified"
        + (verified == 0 || Double.isNaN(coverage)
            ? ""
            : " (%s, below the minimum coverage %s)"
                .formatted(percent(coverage), percent(minCoverage)))
        + (why.isEmpty() ? "" : "; " + String.join(", ", why));
  }

  private static int sum(
      List<ParameterResult> parameters, java.util.function.ToIntFunction<ParameterResult> f) {
    return parameters.stream().mapToInt(f).sum();
  }

  /**
   * When the measured noise is real (far above the rounding of the value), how much it widened the
   * tolerances: the median resolution the passes were verified to.
   */
  private static String noiseEffect(CheckResult result) {
    if (!(result instanceof DefaultCheckResult d) || !(d.rounding() > 0)) {
      return "";
    }
    double times = result.noise() / d.rounding();
    if (!(times >= REAL_NOISE)) {
      return "";
    }
    double[] resolutions =
        result.parameters().stream()
            .flatMap(p -> p.entries().stream())
            .filter(e -> e.verdict() == Verdict.PASS && !e.flat())
            .mapToDouble(EntryResult::resolution)
            .filter(Double::isFinite)
            .sorted()
            .toArray();
    String widened =
        resolutions.length == 0
            ? ""
            : ", which widens every entry's tolerance: passes verified to a median %s relative"
                .formatted(Numbers.error(resolutions[resolutions.length / 2]));
    return " (%s × the rounding of the value%s)".formatted(Numbers.error(times), widened);
  }

  /** What was checked, as a headline names it: {@code gradient} or {@code Jacobian}. */
  private static String noun(CheckResult result) {
    return switch (result.kind()) {
      case JACOBIAN -> "Jacobian";
      case JACOBIAN_VECTOR_PRODUCT -> "Jacobian-vector product";
      case HESSIAN -> "Hessian";
      default -> "gradient";
    };
  }

  private static String function(CheckResult result) {
    return result.kind() == CheckKind.LOSS_GRADIENT ? "loss" : "output";
  }

  private static String percent(double fraction) {
    double p = 100 * fraction;
    return (p == Math.rint(p) ? Long.toString(Math.round(p)) : "%.1f".formatted(p)) + "%";
  }

  private static String failedHeadline(CheckResult result) {
    List<ParameterResult> failing = result.parameters().stream().filter(p -> !p.ok()).toList();
    List<ParameterResult> fine = result.parameters().stream().filter(ParameterResult::ok).toList();
    String others = fine.isEmpty() ? "" : " " + summary(fine, true);
    if (failing.size() == 1) {
      ParameterResult p = failing.get(0);
      return noun(result)
          + " of '"
          + p.name()
          + "' is wrong: "
          + disagreeing(p)
          + " of "
          + p.size()
          + (p.size() == 1 ? " entry disagrees" : " entries disagree")
          + (p.checked() < p.size() ? " (" + p.checked() + " checked alone)" : "")
          + others;
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
  private static String disagreeing(ParameterResult p) {
    int wrong = p.count(Verdict.FAIL);
    return exact(p) ? Integer.toString(wrong) : "at least " + wrong;
  }

  private static boolean exact(ParameterResult p) {
    return p.unresolved() == 0
        && p.unchecked() == 0
        && p.count(Verdict.INCONCLUSIVE) == 0
        && p.coarse() == 0;
  }

  private static String summary(List<ParameterResult> parameters, boolean ok) {
    List<String> parts = new ArrayList<>();
    for (ParameterResult p : parameters) {
      parts.add(p.name() + " " + p.verified() + "/" + p.size() + (ok ? " ok" : ""));
    }
    return "(" + String.join(", ", parts) + ")";
  }

  private static Optional<EntryResult> worstEntry(CheckResult result) {
    List<EntryResult> worst = worstEntries(result);
    return worst.isEmpty() || worst.get(0).verdict() == Verdict.PASS
        ? Optional.empty()
        : Optional.of(worst.get(0));
  }

  private static List<EntryResult> worstEntries(CheckResult result) {
    return result.parameters().stream()
        .flatMap(p -> p.entries().stream())
        .filter(e -> e.verdict() != Verdict.PASS && e.verdict() != Verdict.KINK)
        .sorted(WorstFirst.ORDER)
        .limit(WORST)
        .toList();
  }

  private static List<String> entryTable(List<EntryResult> entries) {
    List<String> analytic =
        Facts.alignDecimals(entries.stream().map(e -> Numbers.value(e.analytic())).toList());
    List<String> numeric =
        Facts.alignDecimals(entries.stream().map(e -> Numbers.value(e.numeric())).toList());
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      EntryResult e = entries.get(i);
      rows.add(
          List.of(
              e.label(),
              "analytic " + analytic.get(i),
              "numeric " + numeric.get(i) + " ± " + Numbers.error(e.numericError()),
              "relative " + Numbers.error(e.relativeError()),
              e.verdict().toString()));
    }
    return Facts.table(rows);
  }

  private static List<String> parameterTable(List<ParameterResult> parameters) {
    List<List<String>> rows = new ArrayList<>();
    for (ParameterResult p : parameters) {
      List<String> counts = new ArrayList<>();
      for (Verdict v : Verdict.values()) {
        int n = p.count(v);
        if (n > 0) {
          counts.add(n + " " + v.toString().toLowerCase(java.util.Locale.ROOT));
        }
      }
      String coverage =
          p.coveredByDirections() > 0
              ? p.coveredByDirections()
                  + " along directions, "
                  + p.checked()
                  + " alone"
                  + (counts.isEmpty() ? "" : ": ")
              : p.outputs() > 1
                  ? p.checked()
                      + " of "
                      + p.outputs()
                      + "×"
                      + p.size() / p.outputs()
                      + " matrix entries checked: "
                  : p.checked() + " checked: ";
      if (p.coarse() > 0) {
        counts.add(p.coarse() + " of the passes coarse");
      }
      if (p.unchecked() > 0) {
        counts.add(p.unchecked() + " unchecked");
      }
      rows.add(
          List.of(
              p.name(),
              p.kind() + " " + shapeText(p.shape()),
              coverage + String.join(", ", counts),
              p.count(Verdict.PASS) + p.count(Verdict.FAIL) == 0
                  ? "no entry compared"
                  : "largest relative error " + Numbers.error(p.largestRelativeError())));
    }
    return Facts.table(rows);
  }

  private static String shapeText(int[] shape) {
    return String.join("×", Arrays.stream(shape).mapToObj(Integer::toString).toList());
  }
}
