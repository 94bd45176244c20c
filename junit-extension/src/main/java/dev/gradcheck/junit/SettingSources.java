package dev.gradcheck.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Where one test method's settings come from: its {@code @GradCheck} and those of its classes,
 * nearest first, then the JUnit configuration parameters. Every value found keeps where it was
 * found, so that an error names the method, the setting, the value as written and its source.
 */
final class SettingSources {

  private static final String PARAMETERS = "from the JUnit configuration parameters";

  /** An annotation and where it is, as error messages say it. */
  record Located(GradCheck annotation, String source) {}

  /**
   * A setting's value and where it came from, to name both when rejecting it.
   *
   * @param value the value
   * @param name the attribute ({@code points}) or configuration key ({@code gradcheck.points})
   * @param shown the value as the user wrote it
   * @param source where it came from
   * @param fromAnnotation whether it came from an annotation
   */
  record Found<T>(T value, String name, String shown, String source, boolean fromAnnotation) {}

  private final ExtensionContext context;
  private final String where;
  private final List<Located> annotations;

  /** The sources of a test method's settings. */
  SettingSources(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    this.context = context;
    this.where = "@GradCheck method %s()".formatted(method.getName());
    this.annotations = annotations(context, method);
  }

  /** The first annotation that sets the attribute, else the configuration parameter. */
  <T> Optional<Found<T>> find(
      String attribute,
      Function<GradCheck, Optional<T>> read,
      String key,
      Function<String, T> parse,
      String format) {
    for (Located located : annotations) {
      Optional<T> value = read.apply(located.annotation());
      if (value.isPresent()) {
        return Optional.of(
            new Found<>(
                value.get(), attribute, String.valueOf(value.get()), located.source(), true));
      }
    }
    return parameter(key, parse, format);
  }

  /** The configuration parameter, parsed; an error when it does not parse. */
  <T> Optional<Found<T>> parameter(String key, Function<String, T> parse, String format) {
    Optional<String> text = context.getConfigurationParameter(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Found<String> raw = new Found<>(text.get(), key, quote(text.get()), PARAMETERS, false);
    T value;
    try {
      value = parse.apply(text.get());
    } catch (RuntimeException e) {
      throw error(raw, "which is not valid", format, e);
    }
    return Optional.of(new Found<>(value, key, raw.shown(), PARAMETERS, false));
  }

  <T> T inRange(Found<T> found, boolean inRange, String format) {
    if (!inRange) {
      throw error(found, "which is out of range", format, null);
    }
    return found.value();
  }

  ExtensionConfigurationException error(
      Found<?> found, String problem, String expected, Throwable cause) {
    return new ExtensionConfigurationException(
        "Configuration error: %s has %s = %s (%s), %s; expected %s"
            .formatted(where, found.name(), found.shown(), found.source(), problem, expected),
        cause);
  }

  /**
   * The {@code @GradCheck} annotations that apply to the method, nearest first: the method's own,
   * the test class's, its superclasses' (nearest first), then each enclosing class's and its
   * superclasses' (for {@code @Nested} classes).
   */
  private static List<Located> annotations(ExtensionContext context, Method method) {
    List<Located> found = new ArrayList<>();
    AnnotationSupport.findAnnotation(method, GradCheck.class)
        .ifPresent(a -> found.add(new Located(a, "from its @GradCheck")));
    Set<Class<?>> seen = new HashSet<>();
    for (Class<?> outer = context.getRequiredTestClass();
        outer != null;
        outer = outer.getEnclosingClass()) {
      for (Class<?> c = outer; c != null && c != Object.class; c = c.getSuperclass()) {
        Class<?> type = c;
        if (seen.add(type)) {
          AnnotationSupport.findAnnotation(type, GradCheck.class)
              .ifPresent(
                  a ->
                      found.add(
                          new Located(a, "from @GradCheck on class %s".formatted(name(type)))));
        }
      }
    }
    return found;
  }

  /** A class's name without its package, with nested classes joined by dots. */
  private static String name(Class<?> type) {
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
  }

  /** A value as a message shows it: quoted, with control characters escaped. */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    text.chars()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.append('\'').toString();
  }
}
