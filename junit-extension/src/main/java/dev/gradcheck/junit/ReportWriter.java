package dev.gradcheck.junit;

import dev.gradcheck.CheckResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes a check's HTML report to {@code
 * <reportDir>/<fully.qualified.TestClass>/<method>[<point>].html} and attaches it to the JUnit
 * report as a file entry.
 */
final class ReportWriter {

  private static final MediaType HTML = MediaType.create("text", "html", StandardCharsets.UTF_8);

  private ReportWriter() {}

  /** The path the report of this point goes to. */
  static Path path(ExtensionContext context, Configuration configuration, int point) {
    // The fully qualified name: classes of one name in two packages must not share reports.
    String testClass = context.getRequiredTestClass().getName();
    String file = context.getRequiredTestMethod().getName() + "[" + point + "].html";
    return configuration.reportDirectory().resolve(testClass).resolve(file);
  }

  /** Writes the report and publishes it; returns where it was written. */
  static Path write(
      ExtensionContext context, Path path, CheckResult result, Map<String, String> facts) {
    String title =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName()
            + " "
            + path.getFileName().toString().replaceAll("^[^\\[]*|\\.html$", "");
    String html = result.renderHtml(title, facts);
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Files.writeString(path, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the gradcheck report " + path, e);
    }
    try {
      context.publishFile(
          path.getFileName().toString(),
          HTML,
          p -> Files.writeString(p, html, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      // No output directory is configured for file entries: the report on disk is enough.
      context.publishReportEntry("gradcheck.report", path.toAbsolutePath().toString());
    }
    return path;
  }
}
