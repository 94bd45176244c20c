package dev.gradcheck.samples.leastsquares;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Verdict;
import dev.gradcheck.junit.GradCheck;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * The hand-written Jacobian of {@link GaussianPeak}, checked entry by entry the way a user of
 * commons-math3's least-squares package would: the model is a {@code MultivariateJacobianFunction}
 * of a {@code RealVector} point, so the point itself is the parameter, perturbed in place, and the
 * two halves of {@code value(point)} are the output and its Jacobian.
 */
class GaussianPeakTests {

  static final double[] T = PeakFitDemo.abscissae();

  /**
   * A point of the kind a fit of the demo's data passes through: a peak of either sign inside the
   * window, resolved by the sampling (at least a few observations across it), on any baseline.
   */
  static RealVector randomPoint(Random random) {
    return new ArrayRealVector(
        new double[] {
          3 * random.nextGaussian(),
          2 + 6 * random.nextDouble(),
          0.6 + 1.4 * random.nextDouble(),
          random.nextGaussian(),
          0.3 * random.nextGaussian()
        });
  }

  /** Every entry ∂y(t_i)/∂theta_j, at ten random points, each its own test named by its seed. */
  @GradCheck(points = 10)
  void jacobianOfTheModel(GradientCheck check) {
    GaussianPeak model = new GaussianPeak(T);
    RealVector theta = randomPoint(check.random());
    check
        .param("theta", theta)
        .output(() -> model.value(theta).getFirst())
        .jacobian(() -> model.value(theta).getSecond());
  }

  /** The same check through the core API, at the points the demo's fits start from and aim at. */
  @Test
  void jacobianIsVerifiedAtTheStartAndAtTheTruth() {
    GaussianPeak model = new GaussianPeak(T);
    for (double[] at : List.of(PeakFitDemo.START, PeakFitDemo.TRUTH)) {
      RealVector theta = new ArrayRealVector(at);
      GradientCheck.create()
          .seed(7)
          .param("theta", theta)
          .output(() -> model.value(theta).getFirst())
          .jacobian(() -> model.value(theta).getSecond())
          .verify();
      assertThat(theta.toArray()).as("the point, restored").isEqualTo(at);
    }
  }

  /**
   * A Jacobian check judges each of the m × 5 entries on its own, and labels it by its row and
   * column: the result can be read back into the matrix.
   */
  @Test
  void everyEntryOfTheMatrixGetsItsOwnVerdict() {
    CheckResult result = PeakFitDemo.check(new GaussianPeak(T), PeakFitDemo.START, 11);

    assertThat(result.passed()).isTrue();
    assertThat(result.kind()).isEqualTo(CheckKind.JACOBIAN);
    List<EntryResult> entries = result.parameter("theta").entries();
    assertThat(entries).hasSize(T.length * GaussianPeak.PARAMETERS);
    Set<Integer> cells = new HashSet<>();
    for (EntryResult e : entries) {
      int i = e.output().orElseThrow();
      int j = e.index();
      assertThat(e.label()).isEqualTo("∂output[" + i + "]/∂theta[" + j + "]");
      assertThat(e.verdict()).as(e.label()).isEqualTo(Verdict.PASS);
      cells.add(i * GaussianPeak.PARAMETERS + j);
    }
    assertThat(cells).as("each (row, column) once").hasSize(entries.size());
    // The baseline's columns are exact: 1 and t_i.
    assertThat(entries)
        .filteredOn(e -> e.index() == 3 || e.index() == 4)
        .allSatisfy(
            e ->
                assertThat(e.numeric())
                    .isCloseTo(
                        e.index() == 3 ? 1 : T[e.output().getAsInt()],
                        org.assertj.core.data.Offset.offset(1e-9)));
  }
}
