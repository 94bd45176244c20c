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
import dev.gradcheck.internal.text.Numbers;
import java.util.ArrayList;
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
          Headline.noun(own),
          "%s %s"
              .formatted(
                  own.passed() ? "verified first" : own.outcome().name().toLowerCase(Locale.ROOT),
                  Headline.summary(own.parameters(), false)));
    } else {
      for (CheckResult next : result.followUps()) {
        flatFacts(next)
            .forEach((key, text) -> more.put("%s (%s)".formatted(key, Headline.noun(next)), text));
        more.put(
            Headline.noun(next),
            "%s %s"
                .formatted(
                    next.passed() ? "verified too" : "not passed",
                    Headline.summary(next.parameters(), false)));
      }
      for (CheckKind skipped : result.skipped()) {
        more.put(
            skipped == CheckKind.HESSIAN ? "Hessian" : skipped.description(),
            "not checked: it is compared with the %s, which %s"
                .formatted(
                    Headline.noun(own),
                    own.outcome() == Outcome.CONTRACT_BROKEN ? "broke a contract" : "failed"));
      }
    }
    more.putAll(extraFacts);
    String headline = Headline.headline(deciding);
    if (failing.isEmpty() && result.passed() && !result.followUps().isEmpty()) {
      List<String> names = new ArrayList<>(List.of(Headline.noun(own)));
      List<String> verified = new ArrayList<>();
      verified.add(verifiedSummary(own));
      for (CheckResult next : result.followUps()) {
        names.add(Headline.noun(next));
        verified.add(verifiedSummary(next));
      }
      headline =
          "%s checks passed: %s"
              .formatted(String.join(" and ", names), String.join(", ", verified));
    }
    String evaluations = Long.toString(deciding.evaluations());
    if (!result.followUps().isEmpty()) {
      List<String> parts = new ArrayList<>();
      parts.add("%s %d".formatted(Headline.noun(own), own.evaluations()));
      result
          .followUps()
          .forEach(next -> parts.add("%s %d".formatted(Headline.noun(next), next.evaluations())));
      evaluations = "%d (%s)".formatted(result.evaluations(), String.join(", ", parts));
    }
    return renderOne(deciding, headline, more, evaluations);
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

  private static String verifiedSummary(CheckResult result) {
    return "%s %s".formatted(Headline.noun(result), Headline.summary(result.parameters(), false));
  }

  private static String renderOne(
      CheckResult result, String headline, Map<String, String> extraFacts, String evaluations) {
    Facts facts = new Facts(headline);
    List<Diagnosis> diagnoses = result.diagnoses();
    if (!diagnoses.isEmpty()) {
      facts.add(diagnoses.size() == 1 ? "likely bug" : "likely bugs", diagnoses.get(0).summary());
      for (Diagnosis d : diagnoses.subList(1, diagnoses.size())) {
        facts.add("", d.summary());
      }
    }
    for (ContractViolation v : result.violations()) {
      facts.add("problem", "%s: %s".formatted(v.title(), v.describe()));
    }
    flatFacts(result).forEach((key, text) -> facts.add(key, text));
    worstEntry(result).ifPresent(worst -> addWorstEntry(facts, worst));
    List<EntryResult> worst = worstEntries(result);
    if (worst.size() > 1) {
      facts.addBlock("worst entries", FactTables.entryTable(worst));
    }
    if (!result.parameters().isEmpty()) {
      facts.addBlock("parameters", FactTables.parameterTable(result.parameters()));
    }
    addShortfalls(facts, result);
    facts.add(
        "check",
        result.analyticNegated()
            ? "%s, the code's values negated (expectNegated): analytic is minus what it returned"
                .formatted(result.kind().description())
            : result.kind().description());
    // Nothing measured: a contract broke at the declared point, before the noise probe ran.
    boolean measured =
        result.noise() != 0
            || result.violations().isEmpty()
            || result.parameters().stream().anyMatch(p -> p.checked() > 0);
    facts.add(
        "noise",
        measured
            ? "%s%s".formatted(Numbers.error(result.noise()), noiseEffect(result))
            : "not measured (a contract broke at the declared point first)");
    facts.add("seed", Numbers.seed(result.seed()));
    facts.add("evaluations", evaluations);
    extraFacts.forEach(facts::add);
    return facts.render();
  }

  /** The worst entry's values: analytic, numeric with its error, and their difference. */
  private static void addWorstEntry(Facts facts, EntryResult worst) {
    facts.add("worst entry", "%s (%s)".formatted(worst.label(), worst.verdict()));
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
        "%s ± %s".formatted(numbers.get(1).stripTrailing(), Numbers.error(worst.numericError())));
    facts.add(
        "difference",
        "%s (allowed %s, relative %s)"
            .formatted(
                Numbers.error(worst.absoluteError()),
                Numbers.error(worst.allowed()),
                Numbers.error(worst.relativeError())));
    if (!worst.note().isEmpty()) {
      facts.add("note", worst.note());
    }
  }

  /** Entries the check could not reach: unresolved directions, an exhausted budget. */
  private static void addShortfalls(Facts facts, CheckResult result) {
    int unresolved = result.parameters().stream().mapToInt(ParameterResult::unresolved).sum();
    if (unresolved > 0) {
      facts.add(
          "unresolved",
          ("%d %s in random directions that disagree with the analytic gradient, not localized"
                  + " after the most entries judged alone; CheckMode.EXHAUSTIVE checks each")
              .formatted(unresolved, unresolved == 1 ? "entry lies" : "entries lie"));
    }
    int unchecked = result.parameters().stream().mapToInt(ParameterResult::unchecked).sum();
    if (unchecked > 0) {
      facts.add(
          "unchecked",
          "%d %s: the evaluation budget ran out after %d evaluations"
              .formatted(unchecked, unchecked == 1 ? "entry" : "entries", result.evaluations()));
    }
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
    // A Hessian's function is a gradient: from the loss alone, a difference gradient, whose own
    // error is this noise, not the user's code.
    String of =
        result.kind() == CheckKind.HESSIAN
            ? "the rounding of the gradient (from a loss without backward, the difference"
                + " gradient's own error)"
            : "the rounding of the value";
    return " (%s × %s%s)".formatted(Numbers.error(times), of, widened);
  }

  /**
   * The prominent note of a parameter every checked entry of which is exactly flat: a pass, but one
   * that may hide a forward reading a copy.
   */
  private static Map<String, String> flatFacts(CheckResult result) {
    Map<String, String> notes = new java.util.LinkedHashMap<>();
    for (ParameterResult p : result.parameters()) {
      if (p.flat()) {
        notes.put(
            "flat",
            ("the %s does not depend on '%s' at this point: every entry checked is exactly flat"
                    + " (analytic 0, and no step changed the %s). The code may be right; more"
                    + " points may help. A forward that reads a copy of '%s' while the backward"
                    + " writes a new object looks exactly like this.")
                .formatted(function(result), p.name(), function(result), p.name()));
      }
    }
    return notes;
  }

  /** What the checked derivatives are derivatives of. */
  private static String function(CheckResult result) {
    return switch (result.kind()) {
      case LOSS_GRADIENT -> "loss";
      case HESSIAN -> "gradient";
      default -> "output";
    };
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
}
