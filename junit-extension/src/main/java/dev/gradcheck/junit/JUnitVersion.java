package dev.gradcheck.junit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit Jupiter the extension runs on, checked against the oldest it supports.
 *
 * <p>5.13 is the floor: it is the first JUnit that reports a {@code @GradCheck} method it cannot
 * run (static, private, returning a value) as a discovery issue whose severity can fail the build;
 * below it such a method is skipped with a log line and the build stays green. Everything else the
 * extension uses exists from 5.13 on (the JUnit matrix of {@code .ci/run} compiles and tests it
 * there). Below the floor the extension fails each {@code @GradCheck} method with one clear error
 * before it calls any newer API.
 */
final class JUnitVersion {

  static final int FLOOR_MAJOR = 5;
  static final int FLOOR_MINOR = 13;

  private JUnitVersion() {}

  /** Fails when the JUnit Jupiter on the classpath is older than the floor. */
  static void check() {
    Optional<String> api = implementationVersion(ExtensionContext.class);
    Optional<String> engine =
        classNamed("org.junit.jupiter.engine.JupiterTestEngine")
            .flatMap(JUnitVersion::implementationVersion);
    check(api, engine);
  }

  /**
   * Fails when either version is known and below the floor; an unknown version (classes without a
   * manifest, as in some IDE setups) passes.
   */
  static void check(Optional<String> api, Optional<String> engine) {
    Optional<String> old =
        api.filter(JUnitVersion::belowFloor).or(() -> engine.filter(JUnitVersion::belowFloor));
    if (old.isPresent()) {
      throw new ExtensionConfigurationException(
          ("Configuration error: gradcheck needs JUnit Jupiter %d.%d or newer (5.x or 6.x), but"
                  + " this build runs junit-jupiter-api %s and junit-jupiter-engine %s. Upgrade"
                  + " the org.junit:junit-bom (or junit-jupiter) version of the build to %d.%d.0"
                  + " or newer.")
              .formatted(
                  FLOOR_MAJOR,
                  FLOOR_MINOR,
                  api.orElse("(unknown)"),
                  engine.orElse("(unknown)"),
                  FLOOR_MAJOR,
                  FLOOR_MINOR));
    }
  }

  /** Whether a version such as {@code 5.12.2} or {@code 5.13.0-M1} is below the floor. */
  static boolean belowFloor(String version) {
    String[] parts = version.trim().split("[.\\-]");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major < FLOOR_MAJOR || (major == FLOOR_MAJOR && minor < FLOOR_MINOR);
    } catch (NumberFormatException e) {
      return false; // not a version we can read: do not block the user on our own parser
    }
  }

  private static Optional<String> implementationVersion(Class<?> type) {
    Package p = type.getPackage();
    return Optional.ofNullable(p == null ? null : p.getImplementationVersion());
  }

  private static Optional<Class<?>> classNamed(String name) {
    try {
      return Optional.of(Class.forName(name, false, JUnitVersion.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }
}
