package dev.gradcheck.samples.commonsmath;

import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Counts the verdicts of many checks run through the core API: per entry label ({@code param[1]},
 * {@code sigma[0]}, {@code x}), with the broken contracts and the exceptions, and keeps the first
 * few noteworthy entries with the point they were found at.
 */
final class Tally {

  private static final int KEPT = 8;

  private final String name;
  private final Map<String, EnumMap<Verdict, Integer>> byLabel = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final List<String> exceptions = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final Map<Class<?>, Integer> violationTypes = new LinkedHashMap<>();
  private int failedChecks;
  private int checks;
  private int violationCount;
  private int exceptionCount;
  private long evaluations;

  Tally(String name) {
    this.name = name;
  }

  /**
   * Runs one check per point, seeded with the point's index, counts its verdicts and prints the
   * tally.
   *
   * @param points the points
   * @param declare declares the check of a point on a fresh {@link GradientCheck}
   * @param label how entries are grouped: {@code x[3]} under {@code x}, say
   * @param <T> the point type
   * @return the tally
   */
  static <T> Tally sweep(
      String name,
      List<T> points,
      java.util.function.BiFunction<GradientCheck, T, GradientCheck> declare,
      Function<EntryResult, String> label) {
    Tally tally = new Tally(name);
    for (int i = 0; i < points.size(); i++) {
      T point = points.get(i);
      try {
        CheckResult result = declare.apply(GradientCheck.create().seed(i), point).run();
        tally.add(result, point, i, "seed " + i + ", " + point, label);
      } catch (GradientCheckException e) {
        tally.checks++;
        tally.exceptionCount++;
        keep(tally.exceptions, "seed " + i + ", " + point + ": " + e.getMessage());
      }
    }
    System.out.println(tally);
    return tally;
  }

  /** Groups entries by their label, {@code param[1]}. */
  static String byEntry(EntryResult e) {
    return e.label();
  }

  /** Groups entries by their parameter, {@code x}. */
  static String byParameter(EntryResult e) {
    return e.parameter();
  }

  private void add(
      CheckResult result, Object at, long seed, String point, Function<EntryResult, String> label) {
    checks++;
    evaluations += result.evaluations();
    if (!result.passed()) {
      failedChecks++;
    }
    if (!result.violations().isEmpty()) {
      violationCount++;
      for (ContractViolation v : result.violations()) {
        violationTypes.merge(v.getClass(), 1, Integer::sum);
        keep(violations, point + ": " + v.describe());
      }
    }
    for (ParameterResult p : result.parameters()) {
      for (EntryResult e : p.entries()) {
        byLabel
            .computeIfAbsent(label.apply(e), k -> new EnumMap<>(Verdict.class))
            .merge(e.verdict(), 1, Integer::sum);
        if (e.verdict() == Verdict.FAIL) {
          failures.add(new Failure(at, seed, e));
        }
        if (e.verdict() != Verdict.PASS && e.verdict() != Verdict.FAIL) {
          keep(
              notes,
              e.verdict()
                  + " "
                  + e.label()
                  + " analytic "
                  + e.analytic()
                  + " numeric "
                  + e.numeric()
                  + " ± "
                  + e.numericError()
                  + " at "
                  + point
                  + (e.note().isEmpty() ? "" : ": " + e.note()));
        }
      }
    }
  }

  private static void keep(List<String> list, String line) {
    if (list.size() < KEPT) {
      list.add(line);
    }
  }

  /**
   * A failed entry and the point it failed at.
   *
   * @param point the point, as given to {@link #sweep}
   * @param seed the seed of its check
   * @param entry the entry's result
   */
  record Failure(Object point, long seed, EntryResult entry) {}

  /** Every failed entry, in the order found. */
  List<Failure> failures() {
    return failures;
  }

  /** The number of checks run. */
  int checks() {
    return checks;
  }

  /** The number of checks that broke a contract (a non-finite gradient, say). */
  int violations() {
    return violationCount;
  }

  /**
   * The number of checks that did not pass (a failed entry, a broken contract, nothing verified).
   */
  int failedChecks() {
    return failedChecks;
  }

  /** The number of broken contracts of this type. */
  int violationsOfType(Class<? extends ContractViolation> type) {
    return violationTypes.getOrDefault(type, 0);
  }

  /** The number of checks that threw (the function threw at a perturbed point). */
  int exceptions() {
    return exceptionCount;
  }

  /** The number of entries with this verdict, over every label. */
  int count(Verdict verdict) {
    return count(label -> true, verdict);
  }

  /** The number of entries with this verdict under this label. */
  int count(String label, Verdict verdict) {
    return count(label::equals, verdict);
  }

  private int count(Predicate<String> labels, Verdict verdict) {
    int n = 0;
    for (Map.Entry<String, EnumMap<Verdict, Integer>> e : byLabel.entrySet()) {
      if (labels.test(e.getKey())) {
        n += e.getValue().getOrDefault(verdict, 0);
      }
    }
    return n;
  }

  /** The number of entries checked. */
  int entries() {
    int n = 0;
    for (EnumMap<Verdict, Integer> counts : byLabel.values()) {
      for (int c : counts.values()) {
        n += c;
      }
    }
    return n;
  }

  /** A few lines: the counts per label, then the first non-passing entries, contracts, errors. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append(name)
        .append(": ")
        .append(checks)
        .append(" checks, ")
        .append(entries())
        .append(" entries, ")
        .append(evaluations)
        .append(" evaluations");
    if (violationCount > 0) {
      s.append(", ").append(violationCount).append(" with a broken contract");
    }
    if (exceptionCount > 0) {
      s.append(", ").append(exceptionCount).append(" threw");
    }
    s.append('\n');
    byLabel.forEach(
        (label, counts) -> s.append("  ").append(label).append(' ').append(counts).append('\n'));
    failures.stream()
        .limit(KEPT)
        .forEach(
            f ->
                s.append("  - FAIL ")
                    .append(f.entry().label())
                    .append(" analytic ")
                    .append(f.entry().analytic())
                    .append(" numeric ")
                    .append(f.entry().numeric())
                    .append(" ± ")
                    .append(f.entry().numericError())
                    .append(" at seed ")
                    .append(f.seed())
                    .append(", ")
                    .append(f.point())
                    .append('\n'));
    notes.forEach(n -> s.append("  - ").append(n).append('\n'));
    violations.forEach(n -> s.append("  ! ").append(n).append('\n'));
    exceptions.forEach(n -> s.append("  x ").append(n).append('\n'));
    return s.toString();
  }
}
