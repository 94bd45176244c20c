package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.Outcome;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;

/**
 * The outcomes of one variant of a layer over many seeds, with what they mean for that variant:
 * false alarms if its backward is correct, misses of genuine bugs if not.
 *
 * <p>{@code commonsmath.Tally} counts entry verdicts per label at points seeded by their index;
 * here a run is judged whole, by its outcome against the planted bug's measured size, at the seeds
 * the red-team harness used ({@code 1000 (variant + 1) + i}).
 */
final class VerdictTally {

  private static final int KEPT = 3;

  private final RealisticLayer layer;
  private final int variant;
  private final EnumMap<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
  private final List<String> examples = new ArrayList<>();
  private int runs;
  private int failEntries;
  private int falseAlarms;
  private int genuine;
  private int missed;

  private VerdictTally(RealisticLayer layer, int variant) {
    this.layer = layer;
    this.variant = variant;
  }

  /**
   * Checks one variant of a layer at {@code runs} seeds, {@code seedBase + 1000 (variant + 1) + i}
   * for {@code i} from 0.
   */
  static VerdictTally of(RealisticLayer layer, int variant, int runs, long seedBase) {
    VerdictTally tally = new VerdictTally(layer, variant);
    for (int i = 0; i < runs; i++) {
      long seed = seedBase + 1000L * (variant + 1) + i;
      BugSize size = new BugSize();
      tally.add(seed, layer.run(variant, seed, size), size);
    }
    return tally;
  }

  private void add(long seed, CheckResult result, BugSize size) {
    runs++;
    Outcome outcome = result.outcome();
    outcomes.merge(outcome, 1, Integer::sum);
    int fails = result.count(Verdict.FAIL);
    failEntries += fails;
    if (isCorrect()) {
      if (outcome == Outcome.FAILED || outcome == Outcome.CONTRACT_BROKEN || fails > 0) {
        falseAlarms++;
        keep("false alarm at seed " + seed + ": " + outcome);
      }
    } else if (size.isGenuine(layer.isFloat())) {
      genuine++;
      if (outcome == Outcome.PASSED) {
        missed++;
        keep("missed at seed " + seed + ": " + size);
      }
    }
  }

  private void keep(String example) {
    if (examples.size() < KEPT) {
      examples.add(example);
    }
  }

  /** Whether the variant's backward is correct. */
  boolean isCorrect() {
    return layer.isCorrect(variant);
  }

  /** The variant's name. */
  String variant() {
    return layer.variants().get(variant);
  }

  /**
   * Runs of a correct backward that did not pass for the wrong reason: outcome {@code FAILED} or
   * {@code CONTRACT_BROKEN}, or a failed entry.
   */
  int falseAlarms() {
    return falseAlarms;
  }

  /** Runs of a buggy backward whose bug was genuine at the point and that still passed. */
  int missed() {
    return missed;
  }

  /** One line, then the first few false alarms or misses. */
  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-12s %-36s runs=%d %s failEntries=%d",
                layer.name(),
                variant(),
                runs,
                outcomes,
                failEntries));
    if (isCorrect()) {
      s.append(" falseAlarms=").append(falseAlarms);
    } else {
      s.append(" genuine=").append(genuine).append(" missed=").append(missed);
    }
    examples.forEach(e -> s.append("\n      ").append(e));
    return s.toString();
  }
}
