package dev.gradcheck;

import dev.gradcheck.internal.report.FactsRenderer;
import dev.gradcheck.internal.report.HtmlReport;
import dev.gradcheck.internal.report.SummaryEntries;
import java.util.Map;

/**
 * Renders a {@link CheckResult} for people: as the aligned facts of a failure message, or as a
 * self-contained HTML page.
 *
 * <pre>{@code
 * CheckResult result = check.run();
 * System.out.println(Report.text(result));
 * Files.writeString(Path.of("check.html"), Report.html(result, "MyLayer", Map.of()));
 * }</pre>
 *
 * @since 0.1
 */
public final class Report {

  private Report() {}

  /**
   * Renders the result as a headline and aligned {@code key : value} facts, the text of a failure
   * message.
   *
   * @param result the result
   * @return the rendered text
   */
  public static String text(CheckResult result) {
    return FactsRenderer.render(result, Map.of());
  }

  /**
   * Renders the result with further facts at the end, aligned with the others; a test framework
   * adds how to reproduce the check in its own terms.
   *
   * @param result the result
   * @param extraFacts facts to append, in iteration order
   * @return the rendered text
   */
  public static String text(CheckResult result, Map<String, String> extraFacts) {
    return FactsRenderer.render(result, extraFacts);
  }

  /**
   * Renders a self-contained HTML report: the facts, the diagnosis, a heat map of the error over
   * each parameter and the error-versus-step curve of the worst entry. No scripts, and nothing
   * loaded from the network.
   *
   * @param result the result
   * @param title what was checked, shown as the page's heading
   * @param extraFacts facts to append to the text, as in {@link #text(CheckResult, Map)}
   * @return the HTML document
   */
  public static String html(CheckResult result, String title, Map<String, String> extraFacts) {
    return HtmlReport.render(result, title, extraFacts);
  }

  /**
   * The result's summary as key-value pairs, for a test framework's report entries or a log: {@code
   * gradcheck.result} (the outcome in lower case, such as {@code passed}), {@code gradcheck.seed},
   * {@code gradcheck.evaluations}, {@code gradcheck.unchecked} when the budget ran out, and per
   * parameter {@code gradcheck.largestRelativeError.<name>} and {@code gradcheck.verified.<name>}.
   * Numbers are formatted as in {@link #text(CheckResult)}. The {@code @GradCheck} extension
   * publishes these as JUnit report entries.
   *
   * <pre>{@code
   * Report.entries(check.run()).forEach((key, value) -> log.info("{} = {}", key, value));
   * }</pre>
   *
   * @param result the result
   * @return the pairs, in a fixed order; a new modifiable map
   */
  public static Map<String, String> entries(CheckResult result) {
    return SummaryEntries.of(result);
  }
}
