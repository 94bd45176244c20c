package dev.gradcheck.junit;

import dev.gradcheck.CheckMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The settings of one {@code @GradCheck} method, each taken from the first source that sets it: the
 * method's annotation, the test class's annotation, its superclasses' (nearest first), the
 * enclosing classes' (for {@code @Nested} classes, each with its superclasses), then JUnit
 * configuration parameters (system properties before {@code junit-platform.properties}).
 *
 * <p>A value that does not parse or is out of range is a configuration error naming the method, the
 * attribute or key, the value, where it came from, and what is accepted, with an example.
 *
 * <p>(Its length is one reader and one error message per setting, each naming where the bad value
 * came from; the precedence is one method.)
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

  /** The most points one method may check: each runs the method once. */
  static final int MAX_POINTS = 10_000;

  private static final String POINTS_FORMAT =
      "a whole number of points from 1 to " + MAX_POINTS + ", such as 3";
  private static final String SEED_FORMAT =
      "a seed in decimal or 0x... hexadecimal, such as 0x5A3C91L";
  private static final String RELATIVE_FORMAT =
      "a relative tolerance from 0 to below 1, such as 1e-6";
  private static final String ABSOLUTE_FORMAT =
      "a finite absolute tolerance of 0 or more, such as 1e-8";
  private static final String COVERAGE_FORMAT = "a fraction from 0 to 1, such as 0.9";
  private static final String MODE_FORMAT =
      choices(CheckMode.values()) + " (in any case), such as exhaustive";
  private static final String BUDGET_FORMAT =
      "a whole number of evaluations of at least 100, or 0 for no limit, such as 100000";
  private static final String REPORT_FORMAT =
      choices(Report.values()) + " (in any case), such as always";
  private static final String DIRECTORY_FORMAT = "a directory path, such as target/gradcheck";

  /** Where a configuration parameter comes from, as error messages say it. */
  static Configuration resolve(ExtensionContext context) {
    SettingSources sources = new SettingSources(context);
    int points = points(sources); // read in this order: the first wrong setting is reported
    Optional<SettingSources.Found<Long>> seed = seed(sources);
    return new Configuration(
        points,
        seed.map(f -> OptionalLong.of(f.value())).orElse(OptionalLong.empty()),
        seed.map(SettingSources.Found::fromAnnotation).orElse(false),
        tolerance(
            sources,
            "relativeTolerance",
            GradCheck::relativeTolerance,
            RELATIVE_TOLERANCE,
            RELATIVE_FORMAT),
        tolerance(
            sources,
            "absoluteTolerance",
            GradCheck::absoluteTolerance,
            ABSOLUTE_TOLERANCE,
            ABSOLUTE_FORMAT),
        coverage(sources),
        mode(sources),
        budget(sources),
        report(sources),
        directory(sources));
  }

  /** How many points: 1 unless set, at most {@link #MAX_POINTS}. */
  private static int points(SettingSources sources) {
    return sources
        .find(
            "points",
            a -> a.points() != 0 ? Optional.of(a.points()) : Optional.empty(),
            POINTS,
            t -> Integer.parseInt(t.trim()),
            POINTS_FORMAT)
        .map(f -> sources.inRange(f, f.value() >= 1 && f.value() <= MAX_POINTS, POINTS_FORMAT))
        .orElse(1);
  }

  /** The seed, when one is set; never {@link GradCheck#UNSET_SEED}. */
  private static Optional<SettingSources.Found<Long>> seed(SettingSources sources) {
    Optional<SettingSources.Found<Long>> seed =
        sources.find(
            "seed",
            a -> a.seed() != GradCheck.UNSET_SEED ? Optional.of(a.seed()) : Optional.empty(),
            SEED,
            Seeds::parse,
            SEED_FORMAT);
    if (seed.isPresent() && seed.get().value() == GradCheck.UNSET_SEED) {
      // Only a parameter can get here: in an annotation this value means "not set".
      throw sources.error(
          seed.get(),
          "which is Long.MIN_VALUE: @GradCheck reserves it for \"no seed\""
              + " (GradCheck.UNSET_SEED), so no annotation can set it either",
          "another seed, such as 0x5A3C91L",
          null);
    }
    return seed;
  }

  /** The minimum coverage, NaN for the default. */
  private static double coverage(SettingSources sources) {
    return sources
        .find(
            "minCoverage",
            a -> setUnlessNegative(a.minCoverage()),
            MIN_COVERAGE,
            t -> Double.parseDouble(t.trim()),
            COVERAGE_FORMAT)
        .map(
            f -> {
              if (Double.isNaN(f.value())) {
                throw sources.error(f, "which is not a number", COVERAGE_FORMAT, null);
              }
              return sources.inRange(f, f.value() >= 0 && f.value() <= 1, COVERAGE_FORMAT);
            })
        .orElse(Double.NaN);
  }

  /** The check mode, AUTO unless set. */
  private static CheckMode mode(SettingSources sources) {
    return sources
        .find(
            "mode",
            a -> a.mode() != CheckMode.AUTO ? Optional.of(a.mode()) : Optional.empty(),
            MODE,
            t -> CheckMode.valueOf(t.trim().toUpperCase(Locale.ROOT)),
            MODE_FORMAT)
        .map(SettingSources.Found::value)
        .orElse(CheckMode.AUTO);
  }

  /** The evaluation budget, 0 for none. */
  private static long budget(SettingSources sources) {
    return sources
        .find(
            "maxEvaluations",
            a -> a.maxEvaluations() != 0 ? Optional.of(a.maxEvaluations()) : Optional.empty(),
            MAX_EVALUATIONS,
            t -> Long.parseLong(t.trim()),
            BUDGET_FORMAT)
        .map(f -> sources.inRange(f, f.value() == 0 || f.value() >= 100, BUDGET_FORMAT))
        .orElse(0L);
  }

  /** When reports are written: on failures unless set. */
  private static Report report(SettingSources sources) {
    return sources
        .parameter(REPORT, t -> Report.valueOf(t.trim().toUpperCase(Locale.ROOT)), REPORT_FORMAT)
        .map(SettingSources.Found::value)
        .orElse(Report.FAILURES);
  }

  /** Where reports are written: target/gradcheck unless set. */
  private static Path directory(SettingSources sources) {
    return sources
        .parameter(REPORT_DIRECTORY, Path::of, DIRECTORY_FORMAT)
        .map(SettingSources.Found::value)
        .orElse(Path.of("target", "gradcheck"));
  }

  /**
   * A tolerance, NaN when unset. In an annotation a negative value means "not set here"; NaN,
   * though, is an error from either source, not a silent "unset".
   */
  private static double tolerance(
      SettingSources sources,
      String attribute,
      ToDoubleFunction<GradCheck> read,
      String key,
      String format) {
    Optional<SettingSources.Found<Double>> found =
        sources.find(
            attribute,
            a -> setUnlessNegative(read.applyAsDouble(a)),
            key,
            t -> Double.parseDouble(t.trim()),
            format);
    if (found.isEmpty()) {
      return Double.NaN;
    }
    SettingSources.Found<Double> f = found.get();
    if (Double.isNaN(f.value())) {
      throw sources.error(
          f, "which is not a number", format + ", or none for the estimated tolerance", null);
    }
    double value = sources.inRange(f, f.value() >= 0 && !Double.isInfinite(f.value()), format);
    if (key.equals(RELATIVE_TOLERANCE) && value >= 1) {
      // |a - n| <= rtol * max(|a|, |n|) holds at rtol = 1 for any a of n's sign and for a = 0,
      // and at rtol = 2 for a = -n.
      throw sources.error(
          f,
          "which is 1 or more: it would pass any gradient of the right sign however far off,"
              + " and an all-zero one (from 2 on, also one with the wrong sign)",
          format,
          null);
    }
    return value;
  }

  /** An annotation's number: set when not negative (NaN counts as set, to be rejected). */
  private static Optional<Double> setUnlessNegative(double value) {
    return value < 0 ? Optional.empty() : Optional.of(value);
  }

  private static String choices(Enum<?>[] values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(i == values.length - 1 ? " or " : ", ");
      }
      out.append(values[i].name().toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }
}
