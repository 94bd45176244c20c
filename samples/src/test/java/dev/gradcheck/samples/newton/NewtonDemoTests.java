package dev.gradcheck.samples.newton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claims {@link NewtonDemo} prints: with the correct second derivatives both solvers converge
 * fast; with the Hessian that forgets {@code λ I} Newton reaches the same minimum but linearly, at
 * the rate {@code λ / λ_min} predicts; with the memoized product Newton–CG follows the correct run
 * until CG needs a second product, then stops short of the minimum; and gradcheck told each bug
 * apart at the start.
 */
class NewtonDemoTests {

  private static NewtonDemo.Comparison comparison;
  private static String printed;

  @BeforeAll
  static void runTheDemo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    comparison = NewtonDemo.run(new PrintStream(out, true, StandardCharsets.UTF_8));
    printed = out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withTheCorrectHessianNewtonConvergesQuadratically() {
    Newton.Run run = comparison.newton().run();
    assertThat(run.converged()).isTrue();
    assertThat(run.iterations()).isLessThanOrEqualTo(8);
    assertThat(run.halvings()).isZero();
    double[] g = run.gradientNorms();
    // Quadratic: near the end each ‖g‖ is of the order of the previous one squared.
    int k = g.length - 2;
    assertThat(g[k]).isLessThan(1e-6);
    assertThat(g[k] / g[k - 1]).isLessThan(1e-3);
    assertThat(comparison.newton().check().passed()).isTrue();
  }

  @Test
  void withoutItsLambdaIdentityTheHessianMakesNewtonLinear() {
    Newton.Run correct = comparison.newton().run();
    Newton.Run buggy = comparison.buggyNewton().run();
    // The same minimum, since the gradient is right...
    assertThat(buggy.converged()).isTrue();
    assertThat(buggy.loss()).isCloseTo(correct.loss(), within(1e-12));
    for (int j = 0; j < correct.point().length; j++) {
      assertThat(buggy.point()[j]).isCloseTo(correct.point()[j], within(1e-9));
    }
    // ...but at least three times the iterations, shrinking ‖g‖ by a constant factor...
    assertThat(buggy.iterations()).isGreaterThanOrEqualTo(3 * correct.iterations());
    double[] g = buggy.gradientNorms();
    for (int k = g.length - 8; k < g.length; k++) {
      assertThat(g[k] / g[k - 1]).as("‖g‖ ratio at iteration %d", k).isBetween(0.35, 0.45);
    }
    // ...which is the one the spectrum predicts: the error contracts by λ / λ_min(XᵀSX).
    assertThat(comparison.measuredRate())
        .isCloseTo(comparison.predictedRate(), within(0.01 * comparison.predictedRate()));
    assertThat(NewtonDemo.failsOnTheDiagonalOnly(comparison.buggyNewton().check())).isTrue();
  }

  @Test
  void withTheCorrectProductNewtonCgConvergesWithoutFormingTheHessian() {
    Newton.Run run = comparison.cg().run();
    assertThat(run.converged()).isTrue();
    assertThat(run.iterations()).isLessThanOrEqualTo(10);
    assertThat(run.products()).isLessThanOrEqualTo(20);
    assertThat(run.loss()).isCloseTo(comparison.newton().run().loss(), within(1e-12));
    assertThat(comparison.cg().check().passed()).isTrue();
  }

  @Test
  void withTheMemoizedProductNewtonCgStopsShortOnceCgNeedsASecondProduct() {
    Newton.Run correct = comparison.cg().run();
    Newton.Run buggy = comparison.buggyCg().run();
    int shared = comparison.sharedIterations();
    // Bit for bit the correct run while each solve used one product, the one the memo gets right.
    assertThat(shared).isGreaterThanOrEqualTo(3);
    assertThat(Arrays.copyOf(buggy.gradientNorms(), shared + 1))
        .isEqualTo(Arrays.copyOf(correct.gradientNorms(), shared + 1));
    assertThat(Arrays.copyOf(correct.stepProducts(), shared)).containsOnly(1L);
    assertThat(Arrays.copyOf(buggy.stepProducts(), shared)).containsOnly(1L);
    // Then the solve needs more, and what it gets back ends the run.
    assertThat(correct.stepProducts()[shared]).isGreaterThan(1);
    assertThat(buggy.stepProducts()[shared]).isGreaterThan(1);
    assertThat(buggy.stop()).isEqualTo(Newton.Stop.LINE_SEARCH_FAILED);
    assertThat(buggy.iterations()).isEqualTo(shared);
    assertThat(buggy.gradientNorm()).isGreaterThan(1e-2);
    assertThat(buggy.loss() - comparison.newton().run().loss()).isGreaterThan(1e-4);
  }

  @Test
  void gradcheckFailsBothBugsAtTheStart() {
    assertThat(comparison.newton().verdict()).isEqualTo("passed");
    assertThat(comparison.cg().verdict()).isEqualTo("passed");
    assertThat(comparison.buggyNewton().verdict())
        .isEqualTo(
            "FAILED: Hessian of 'w' is wrong: 4 of 16 entries disagree, exactly the diagonal");
    assertThat(comparison.buggyCg().verdict())
        .isEqualTo(
            "CONTRACT_BROKEN: Hessian check failed: hessianVectorProduct is not linear in v");
  }

  @Test
  void thePrintedTablesCarryTheFiguresAndTheFinding() {
    for (NewtonDemo.Method m : comparison.methods()) {
      Newton.Run r = m.run();
      assertThat(printed)
          .containsPattern(
              m.name().replace("·", ".")
                  + " +"
                  + r.stop().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                  + " +"
                  + r.iterations()
                  + " +"
                  + r.products()
                  + " +"
                  + r.halvings()
                  + " +"
                  + String.format(Locale.ROOT, "%.1e", r.gradientNorm()));
    }
    assertThat(printed).contains("‖g‖ after each iteration:");
    assertThat(printed.lines().filter(l -> l.matches(" +\\d+ .*")))
        .hasSize(comparison.buggyNewton().run().gradientNorms().length);
    assertThat(comparison.finding())
        .contains(
            comparison.buggyNewton().run().iterations()
                + " iterations instead of "
                + comparison.newton().run().iterations())
        .contains(String.format(Locale.ROOT, "λ/λmin(XᵀSX) = %.3f", comparison.predictedRate()))
        .contains("bit for bit for " + comparison.sharedIterations() + " iterations");
    assertThat(printed.replaceAll("\\s+", " ")).contains(comparison.finding());
  }
}
