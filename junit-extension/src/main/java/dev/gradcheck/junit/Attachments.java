package dev.gradcheck.junit;

import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Attaches a written report to the JUnit report as a file entry, on every JUnit we support.
 *
 * <p>{@code ExtensionContext.publishFile} takes a media type whose class moved: JUnit 5.13 has only
 * {@code org.junit.jupiter.api.extension.MediaType}; 5.14 added {@code
 * org.junit.jupiter.api.MediaType} and marked the old one for removal. Calling either directly
 * breaks on the JUnit that lacks it ({@code NoClassDefFoundError}), so the method is looked up by
 * reflection, newest type first.
 */
final class Attachments {

  private static final List<String> MEDIA_TYPES =
      List.of("org.junit.jupiter.api.MediaType", "org.junit.jupiter.api.extension.MediaType");

  private Attachments() {}

  /**
   * Publishes the report as a file entry; where that is not possible (no output directory is
   * configured for file entries, or a JUnit without the API) publishes its path as the report entry
   * {@code gradcheck.report} instead.
   */
  static void publish(ExtensionContext context, Path path, String html) {
    ThrowingConsumer<Path> write = p -> Files.writeString(p, html, StandardCharsets.UTF_8);
    for (String name : MEDIA_TYPES) {
      try {
        Class<?> type = Class.forName(name, true, ExtensionContext.class.getClassLoader());
        Object textHtml =
            type.getMethod("create", String.class, String.class, Charset.class)
                .invoke(null, "text", "html", StandardCharsets.UTF_8);
        Method publishFile =
            ExtensionContext.class.getMethod(
                "publishFile", String.class, type, ThrowingConsumer.class);
        publishFile.invoke(context, path.getFileName().toString(), textHtml, write);
        return;
      } catch (ClassNotFoundException | NoSuchMethodException e) {
        // this JUnit lacks this media type: try the next
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        break; // the JUnit has the API but cannot attach here
      }
    }
    context.publishReportEntry("gradcheck.report", path.toAbsolutePath().toString());
  }
}
