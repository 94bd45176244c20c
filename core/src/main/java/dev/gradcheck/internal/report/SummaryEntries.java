package dev.gradcheck.internal.report;

import dev.gradcheck.CheckResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.internal.text.Numbers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A result's summary as {@code gradcheck.*} key-value pairs, in the reports' number formats. */
public final class SummaryEntries {

  private SummaryEntries() {}

  /**
   * The summary of a result.
   *
   * @param result a result
   * @return the pairs, in a fixed order
   */
  public static Map<String, String> of(CheckResult result) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("gradcheck.result", result.outcome().name().toLowerCase(Locale.ROOT));
    entries.put("gradcheck.seed", Numbers.seed(result.seed()));
    entries.put("gradcheck.evaluations", Long.toString(result.evaluations()));
    int unchecked = result.parameters().stream().mapToInt(ParameterResult::unchecked).sum();
    if (unchecked > 0) {
      entries.put(
          "gradcheck.unchecked", "%d entries: the evaluation budget ran out".formatted(unchecked));
    }
    for (ParameterResult p : result.parameters()) {
      entries.put(
          "gradcheck.largestRelativeError." + p.name(),
          p.outputs() > 1
              ? "%s over %d of %d×%d matrix entries"
                  .formatted(
                      Numbers.error(p.largestRelativeError()),
                      p.checked(),
                      p.outputs(),
                      p.size() / p.outputs())
              : "%s over %d entries of shape %s"
                  .formatted(
                      Numbers.error(p.largestRelativeError()),
                      p.checked(),
                      Arrays.toString(p.shape())));
    }
    for (ParameterResult p : result.parameters()) {
      entries.put(
          "gradcheck.verified." + p.name(), "%d of %d entries".formatted(p.verified(), p.size()));
    }
    return entries;
  }
}
