package dev.gradcheck.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.gradcheck.samples.TestKit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The guide's example of settings that combine: {@link DenseTest} run as a user's build runs it.
 */
class SettingsTests {

  @Test
  void pointsFromTheTestClassAndTheSeedFromItsSuperclass() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(DenseTest.class)).execute();
    assertThat(TestKit.failures(results)).isEmpty();
    List<Event> points = results.testEvents().succeeded().list();
    assertThat(points)
        .as("3 points, from @GradCheck(points = 3) on DenseTest, not 4 from LayerTestBase")
        .hasSize(3);
    assertThat(points.get(0).getTestDescriptor().getDisplayName())
        .as("the first point's seed, from @GradCheck(seed = 6) on LayerTestBase")
        .isEqualTo("[1] seed=0x6L");
    List<Map<String, String>> entries =
        results.allEvents().reportingEntryPublished().list().stream()
            .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
            .toList();
    assertThat(entries)
        .hasSize(3)
        .allSatisfy(e -> assertThat(e).containsEntry("gradcheck.result", "passed"));
    assertThat(entries.get(0)).containsEntry("gradcheck.seed", "0x6L");
  }
}
