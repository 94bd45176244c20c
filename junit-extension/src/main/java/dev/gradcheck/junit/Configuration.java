package dev.gradcheck.junit;

import dev.gradcheck.CheckMode;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The settings of one {@code @GradCheck} method, each taken from the first source that sets it: the
 * method's annotation, the test class's annotation, then JUnit configuration parameters (system
 * properties before {@code junit-platform.properties}).
 *
 * @param points how many points to check
 * @param seed the seed set by the user, if any
 * @param seedFromAnnotation whether that seed came from a {@code @GradCheck} annotation
 * @param relativeTolerance the relative tolerance, NaN when unset
 * @param absoluteTolerance the absolute tolerance, NaN when unset
 * @param minCoverage the least verified fraction of each parameter, NaN when unset
 * @param mode how entries are visited
 * @param maxEvaluations the evaluation budget, 0 when unlimited
 * @param report when to write an HTML report
 * @param reportDirectory where reports go
 */
record Configuration(
    int points,
    OptionalLong seed,
    boolean seedFromAnnotation,
    double relativeTolerance,
    double absoluteTolerance,
    double minCoverage,
    CheckMode mode,
    long maxEvaluations,
    Report report,
    Path reportDirectory) {

  /** When a check writes its HTML report. */
  enum Report {
    /** Only for a check that fails (the default). */
    FAILURES,
    /** For every check. */
    ALWAYS,
    /** Never. */
    NEVER
  }

  static final String POINTS = "gradcheck.points";
  static final String SEED = "gradcheck.seed";
  static final String RELATIVE_TOLERANCE = "gradcheck.relativeTolerance";
  static final String ABSOLUTE_TOLERANCE = "gradcheck.absoluteTolerance";
  static final String MODE = "gradcheck.mode";
  static final String MIN_COVERAGE = "gradcheck.minCoverage";
  static final String MAX_EVALUATIONS = "gradcheck.maxEvaluations";
  static final String REPORT = "gradcheck.report";
  static final String REPORT_DIRECTORY = "gradcheck.reportDir";

  static Configuration resolve(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    Optional<GradCheck> onMethod = AnnotationSupport.findAnnotation(method, GradCheck.class);
    Optional<GradCheck> onClass = classAnnotation(context);
    String where = "@GradCheck method " + method.getName() + "()";

    int points =
        pick(onMethod, onClass, a -> a.points() != 0 ? Optional.of(a.points()) : Optional.empty())
            .or(() -> parameter(context, POINTS, Integer::parseInt))
            .orElse(1);
    if (points < 1) {
      throw error(where, "points", points, "must be at least 1");
    }
    Optional<Long> annotated =
        pick(
            onMethod,
            onClass,
            a -> a.seed() != GradCheck.UNSET_SEED ? Optional.of(a.seed()) : Optional.empty());
    Optional<Long> seed = annotated.or(() -> parameter(context, SEED, Seeds::parse));
    double rtol = tolerance(context, onMethod, onClass, where, true);
    double atol = tolerance(context, onMethod, onClass, where, false);
    double coverage =
        pick(
                onMethod,
                onClass,
                a -> a.minCoverage() >= 0 ? Optional.of(a.minCoverage()) : Optional.empty())
            .or(() -> parameter(context, MIN_COVERAGE, Double::parseDouble))
            .orElse(Double.NaN);
    if (!Double.isNaN(coverage) && !(coverage >= 0 && coverage <= 1)) {
      throw error(where, "minCoverage", coverage, "must be a fraction from 0 to 1");
    }
    CheckMode mode =
        pick(
                onMethod,
                onClass,
                a -> a.mode() != CheckMode.AUTO ? Optional.of(a.mode()) : Optional.empty())
            .or(
                () ->
                    parameter(
                        context, MODE, v -> CheckMode.valueOf(v.trim().toUpperCase(Locale.ROOT))))
            .orElse(CheckMode.AUTO);
    long budget =
        pick(
                onMethod,
                onClass,
                a -> a.maxEvaluations() != 0 ? Optional.of(a.maxEvaluations()) : Optional.empty())
            .or(() -> parameter(context, MAX_EVALUATIONS, Long::parseLong))
            .orElse(0L);
    if (budget < 0 || (budget > 0 && budget < 100)) {
      throw error(where, "maxEvaluations", budget, "must be at least 100 (or 0 for no limit)");
    }
    Report report =
        parameter(context, REPORT, v -> Report.valueOf(v.trim().toUpperCase(Locale.ROOT)))
            .orElse(Report.FAILURES);
    Path directory =
        parameter(context, REPORT_DIRECTORY, Path::of).orElse(Path.of("target", "gradcheck"));
    return new Configuration(
        points,
        seed.map(OptionalLong::of).orElse(OptionalLong.empty()),
        annotated.isPresent(),
        rtol,
        atol,
        coverage,
        mode,
        budget,
        report,
        directory);
  }

  private static Optional<GradCheck> classAnnotation(ExtensionContext context) {
    for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
      Optional<GradCheck> found = AnnotationSupport.findAnnotation(c, GradCheck.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static double tolerance(
      ExtensionContext context,
      Optional<GradCheck> onMethod,
      Optional<GradCheck> onClass,
      String where,
      boolean relative) {
    String attribute = relative ? "relativeTolerance" : "absoluteTolerance";
    Function<GradCheck, Optional<Double>> read =
        a -> {
          double v = relative ? a.relativeTolerance() : a.absoluteTolerance();
          return v >= 0 ? Optional.of(v) : Optional.empty();
        };
    double value =
        pick(onMethod, onClass, read)
            .or(
                () ->
                    parameter(
                        context,
                        relative ? RELATIVE_TOLERANCE : ABSOLUTE_TOLERANCE,
                        Double::parseDouble))
            .orElse(Double.NaN);
    if (!Double.isNaN(value) && (value < 0 || Double.isInfinite(value))) {
      throw error(where, attribute, value, "must be a finite non-negative number");
    }
    return value;
  }

  private static <T> Optional<T> pick(
      Optional<GradCheck> onMethod,
      Optional<GradCheck> onClass,
      Function<GradCheck, Optional<T>> read) {
    return onMethod.flatMap(read).or(() -> onClass.flatMap(read));
  }

  private static <T> Optional<T> parameter(
      ExtensionContext context, String key, Function<String, T> parse) {
    Optional<String> text = context.getConfigurationParameter(key);
    try {
      return text.map(parse);
    } catch (RuntimeException e) {
      throw new ExtensionConfigurationException(
          "Configuration error: the configuration parameter "
              + key
              + " = '"
              + text.orElse("")
              + "' is not a valid "
              + describe(key),
          e);
    }
  }

  private static String describe(String key) {
    switch (key) {
      case POINTS:
        return "number of points";
      case SEED:
        return "seed";
      case REPORT:
        return "report policy (failures, always or never)";
      case MODE:
        return "mode (auto, exhaustive or directional)";
      case MAX_EVALUATIONS:
        return "number of evaluations";
      case MIN_COVERAGE:
        return "fraction from 0 to 1";
      case REPORT_DIRECTORY:
        return "directory";
      default:
        return "number";
    }
  }

  private static ExtensionConfigurationException error(
      String where, String attribute, Object value, String rule) {
    return new ExtensionConfigurationException(
        "Configuration error: "
            + where
            + " has "
            + attribute
            + " = "
            + value
            + " (from its @GradCheck, its class's, or gradcheck."
            + attribute
            + "); it "
            + rule);
  }
}
