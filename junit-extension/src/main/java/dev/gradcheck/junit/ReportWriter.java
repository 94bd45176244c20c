package dev.gradcheck.junit;

import dev.gradcheck.CheckResult;
import dev.gradcheck.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes a check's HTML report to {@code <reportDir>/<fully.qualified.TestClass>/<method>-<point>
 * .html} and attaches it to the JUnit report as a file entry.
 *
 * <p>File and directory names keep only letters, digits, {@code .}, {@code -} and {@code _} (a
 * nested class's {@code $} becomes {@code .}), so that the path in a failure pastes into any shell.
 */
final class ReportWriter {

  private ReportWriter() {}

  /** The path the report of this point goes to. */
  static Path path(ExtensionContext context, Configuration configuration, int point) {
    // The fully qualified name: classes of one name in two packages must not share reports.
    String testClass = safe(context.getRequiredTestClass().getName().replace('$', '.'));
    String file = safe(context.getRequiredTestMethod().getName()) + "-" + point + ".html";
    return configuration.reportDirectory().resolve(testClass).resolve(file);
  }

  /**
   * Writes the report and publishes it.
   *
   * @return empty when written, otherwise why it was not
   */
  static Optional<String> write(
      ExtensionContext context, Path path, CheckResult result, Map<String, String> facts) {
    String title =
        "%s.%s %s"
            .formatted(
                context.getRequiredTestClass().getSimpleName(),
                context.getRequiredTestMethod().getName(),
                path.getFileName().toString().replaceAll("^.*-|\\.html$", ""));
    String html = Report.html(result, title, facts);
    try {
      Path parent = path.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(path, html, StandardCharsets.UTF_8);
    } catch (IOException | InvalidPathException | SecurityException e) {
      return Optional.of("%s: %s".formatted(e.getClass().getSimpleName(), e.getMessage()));
    }
    Attachments.publish(context, path, html);
    return Optional.empty();
  }

  /** The path as it pastes into a shell: single-quoted when it holds anything but safe names. */
  static String display(Path path) {
    String text = path.toString();
    if (text.matches("[\\p{L}\\p{N}._/\\\\:+-]*")) {
      return text;
    }
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static String safe(String name) {
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_'));
    return out.toString();
  }
}
