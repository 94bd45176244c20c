package dev.gradcheck.junit;

import dev.gradcheck.CheckMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test method that checks a hand-written gradient.
 *
 * <p>The method receives a {@link dev.gradcheck.GradientCheck} handle, declares on it the
 * parameters with their gradient storage and either a loss and its backward, or an output and its
 * backward. After the method returns, the extension runs the check and fails the test unless its
 * {@link dev.gradcheck.Outcome} is {@code PASSED}: on a wrong gradient, a broken contract
 * (nondeterministic forward, mutated input, accumulating backward, non-finite values), a check that
 * verified too little ({@code INCOMPLETE}, {@code INCONCLUSIVE}), or one that declared nothing.
 *
 * <pre>{@code
 * class DenseLayerTest {
 *   @GradCheck(points = 3)
 *   void dense(GradientCheck check) {
 *     Dense layer = new Dense(3, 2, check.random());
 *     double[][] x = check.arrays().gaussian(4, 3);
 *     check.param("W", layer.w, layer.dw)
 *          .param("b", layer.b, layer.db)
 *          .param("x", x, layer.dx)
 *          .output(() -> layer.forward(x))
 *          .backward(dy -> layer.backward(dy));
 *   }
 * }
 * }</pre>
 *
 * <p>Each of the {@link #points()} points is its own node in the test tree, named with the seed
 * that reproduces it; the method runs exactly once per point. Every attribute can also be set on
 * the test class (a default for its methods), on a superclass of it or an enclosing class of a
 * {@code @Nested} class, as a JVM system property, or in {@code junit-platform.properties}, under
 * the keys {@code gradcheck.points}, {@code gradcheck.seed}, {@code gradcheck.relativeTolerance},
 * {@code gradcheck.absoluteTolerance}, {@code gradcheck.minCoverage}, {@code gradcheck.mode} and
 * {@code gradcheck.maxEvaluations}. Each attribute comes from the first of these that sets it: the
 * method's annotation, the test class's, its superclasses' (nearest first), the enclosing classes'
 * (innermost first), system properties, then the properties file. A value that does not parse or is
 * out of range fails the method with a configuration error that names the method, the setting, the
 * value and what is accepted.
 *
 * <p>A failing check writes a self-contained HTML report (diagnosis, heat maps of the error, the
 * error-versus-step curve of the worst entry) to {@code
 * target/gradcheck/<fully.qualified.TestClass>/<method>-<point>.html}, names it in the failure
 * message and attaches it to the JUnit report. The keys {@code gradcheck.report} ({@code failures},
 * {@code always} or {@code never}) and {@code gradcheck.reportDir} change when and where.
 *
 * <p>Runs on JUnit Jupiter 5.13 and newer (5.x and 6.x); on an older JUnit every {@code @GradCheck}
 * method fails with an error that names the versions.
 *
 * <p>The method must be an instance method returning {@code void}, like any JUnit test. JUnit
 * reports other signatures only as discovery warnings and then skips the method; set {@code
 * junit.platform.discovery.issue.severity.critical=WARNING} so that such a mistake fails the build.
 * {@code @GradCheck} is itself the test annotation: a method that also has {@code @Test} fails with
 * a configuration error that says to remove it.
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(GradCheckExtension.class)
public @interface GradCheck {

  /** The value of {@link #seed()} that means "not set here". */
  long UNSET_SEED = Long.MIN_VALUE;

  /**
   * How many random points to check, from 1 to 10000; each runs the method once with its own seed.
   * Zero means not set here: the class's value, then {@code gradcheck.points}, then 1.
   *
   * @return the number of points, or 0
   */
  int points() default 0;

  /**
   * The seed of the first point; further points derive their seeds from it. A failure reports the
   * seed that reproduces it, to be pasted here. {@link #UNSET_SEED} means not set here: the class's
   * value, then {@code gradcheck.seed}, then a random seed per run. For the same reason {@code
   * gradcheck.seed} cannot be {@code Long.MIN_VALUE} either.
   *
   * @return the seed, or {@link #UNSET_SEED}
   */
  long seed() default UNSET_SEED;

  /**
   * A relative tolerance that replaces the estimated one: an entry passes when {@code |analytic -
   * numeric| <= atol + rtol * max(|analytic|, |numeric|)}; it must be below 1 (from 1 on it passes
   * an all-zero gradient, and from 2 on a sign error). Negative means not set here; NaN is an
   * error. When no tolerance is set anywhere, each entry's tolerance comes from the numeric
   * derivative's own error estimate.
   *
   * @return the relative tolerance from 0 to below 1, or a negative number
   */
  double relativeTolerance() default -1;

  /**
   * An absolute tolerance that replaces the estimated one; see {@link #relativeTolerance()}.
   * Negative means not set here; NaN and infinity are errors.
   *
   * @return the finite absolute tolerance, or a negative number
   */
  double absoluteTolerance() default -1;

  /**
   * The least fraction of each parameter's entries that must be verified for the check to pass; see
   * {@link dev.gradcheck.GradientCheck#minCoverage(double)}. Negative means not set here: the
   * class's value, then {@code gradcheck.minCoverage}, then 0.9. NaN is an error.
   *
   * @return the fraction from 0 to 1, or a negative number
   * @since 0.1
   */
  double minCoverage() default -1;

  /**
   * How entries are visited: each on its own, or along random directions with group testing for
   * large parameters. {@link CheckMode#AUTO} means not set here: the class's value, then {@code
   * gradcheck.mode}, then {@code AUTO} (exhaustive up to 2,048 entries in all).
   *
   * @return the mode
   */
  CheckMode mode() default CheckMode.AUTO;

  /**
   * An evaluation budget: no entry is started once the check has used this many evaluations of the
   * loss or forward; entries not reached stay unchecked and the result says so (see {@link
   * dev.gradcheck.GradientCheck#maxEvaluations(long)}: the start-up probes and the entry under way
   * may run past it). At least 100; zero means not set here: the class's value, then {@code
   * gradcheck.maxEvaluations}, then unlimited.
   *
   * @return the budget, or 0
   */
  long maxEvaluations() default 0;
}
