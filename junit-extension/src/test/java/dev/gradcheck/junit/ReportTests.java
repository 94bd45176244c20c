package dev.gradcheck.junit;

import static dev.gradcheck.junit.GradCheckExtensionTests.failureOf;
import static dev.gradcheck.junit.GradCheckExtensionTests.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.gradcheck.GradientCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.OutputDirectoryProvider;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The HTML report of a check: where it goes, when it is written, what it holds. */
class ReportTests {

  @TempDir Path reports;

  // OutputDirectoryProvider is deprecated for removal in JUnit 6 (for OutputDirectoryCreator, which
  // 5.x lacks): these tests run on both.
  @SuppressWarnings({"deprecation", "removal"})
  @Test
  void failingCheckWritesAReportAndNamesItInTheMessage() throws IOException {
    Path attachments = reports.resolve("attachments");
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(SignFlipTestCase.class))
            .configurationParameter("gradcheck.reportDir", reports.toString())
            .outputDirectoryProvider(
                new OutputDirectoryProvider() {
                  @Override
                  public Path getRootDirectory() {
                    return attachments;
                  }

                  @Override
                  public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
                    return Files.createDirectories(
                        attachments.resolve(
                            Integer.toHexString(descriptor.getUniqueId().hashCode())));
                  }
                })
            .execute();
    String message = failureOf(results).getMessage();
    Path expected =
        reports
            .resolve("dev.gradcheck.junit.ReportTests.SignFlipTestCase")
            .resolve("flipped-1.html");
    assertThat(Facts.of(message).get("report")).isEqualTo(expected.toString());
    String html = Files.readString(expected);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<svg")
        .contains("sign error")
        .contains("Error against step for b&lt;i&gt;[")
        .doesNotContain("<script")
        .doesNotContain("http://")
        .doesNotContain("https://");
    FileEntry attached =
        results.allEvents().fileEntryPublished().list().get(0).getRequiredPayload(FileEntry.class);
    assertThat(attached.getPath()).hasFileName("flipped-1.html").hasContent(html);
  }

  @Test
  void passingCheckWritesNothingByDefault() throws IOException {
    run(PassingTestCase.class, "gradcheck.reportDir", reports.toString());
    try (Stream<Path> files = Files.walk(reports)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void reportAlwaysWritesPassingChecksWithTheirStepCurve() throws IOException {
    run(
        PassingTestCase.class,
        "gradcheck.reportDir",
        reports.toString(),
        "gradcheck.report",
        "always");
    Path file =
        reports.resolve("dev.gradcheck.junit.ReportTests.PassingTestCase").resolve("fine-1.html");
    assertThat(Files.readString(file))
        .contains("gradient check passed")
        .contains("Error against step");
  }

  @Test
  void reportNeverWritesNothingEvenOnFailure() throws IOException {
    String message =
        failureOf(
                run(
                    SignFlipTestCase.class,
                    "gradcheck.reportDir",
                    reports.toString(),
                    "gradcheck.report",
                    "never"))
            .getMessage();
    assertThat(Facts.of(message)).doesNotContainKey("report");
    try (Stream<Path> files = Files.walk(reports)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void reportPathPastesIntoAShell() {
    String message = failureOf(run(SignFlipTestCase.class)).getMessage();
    assertThat(Facts.of(message).get("report"))
        .isEqualTo(
            "target/gradcheck/dev.gradcheck.junit.ReportTests.SignFlipTestCase/flipped-1.html")
        .doesNotContain("[", "]", "$", " ", "'");
  }

  @Test
  void reportDirectoryWithSpacesIsQuoted() {
    Path spaced = reports.resolve("my reports");
    String message =
        failureOf(run(SignFlipTestCase.class, "gradcheck.reportDir", spaced.toString()))
            .getMessage();
    assertThat(Facts.of(message).get("report"))
        .isEqualTo(
            "'"
                + spaced
                    .resolve("dev.gradcheck.junit.ReportTests.SignFlipTestCase")
                    .resolve("flipped-1.html")
                + "'");
  }

  @Test
  void unwritableReportKeepsTheFailureAndSaysWhy() throws IOException {
    Path notADirectory = Files.writeString(reports.resolve("file"), "in the way");
    Throwable failure =
        failureOf(run(SignFlipTestCase.class, "gradcheck.reportDir", notADirectory.toString()));
    Map<String, String> facts = Facts.of(failure.getMessage());
    assertThat(Facts.headline(failure.getMessage())).startsWith("gradient of 'b<i>' is wrong");
    assertThat(facts).containsKeys("likely bug", "seed", "reproduce with");
    assertThat(facts.get("report")).startsWith("not written (").contains("file");
  }

  static class SignFlipTestCase {
    @GradCheck(seed = 3)
    void flipped(GradientCheck check) {
      double[] b = {0.3, -0.7};
      double[] db = new double[2];
      check
          .param("b<i>", b, db)
          .loss(() -> b[0] * b[0] + Math.sin(b[1]))
          .backward(
              () -> {
                db[0] = -2 * b[0];
                db[1] = -Math.cos(b[1]);
              });
    }
  }

  static class PassingTestCase {
    @GradCheck(seed = 3)
    void fine(GradientCheck check) {
      double[] b = {0.3, -0.7};
      double[] db = new double[2];
      check
          .param("b", b, db)
          .loss(() -> b[0] * b[0] + Math.sin(b[1]))
          .backward(
              () -> {
                db[0] = 2 * b[0];
                db[1] = Math.cos(b[1]);
              });
    }
  }
}
