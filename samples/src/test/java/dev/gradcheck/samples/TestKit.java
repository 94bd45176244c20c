package dev.gradcheck.samples;

import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** What the samples' test-kit runs read from their events. */
public final class TestKit {

  private TestKit() {}

  /**
   * The throwable a failed test's event carries.
   *
   * @param event a failed test's finished event
   * @return what the test threw
   */
  public static Throwable thrown(Event event) {
    return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  /**
   * The throwables of every failed test, in the order they finished.
   *
   * @param results a test-kit run
   * @return what each failed test threw
   */
  public static List<Throwable> failures(EngineExecutionResults results) {
    return results.testEvents().failed().list().stream().map(TestKit::thrown).toList();
  }
}
