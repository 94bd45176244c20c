package dev.gradcheck.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.gradcheck.CommonsMath;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckFailure;
import dev.gradcheck.junit.GradCheck;
import dev.gradcheck.samples.TestKit;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The guide's "commons-math3 functions, one line each", from the core API and under the extension.
 */
class CommonsMathTests {

  static final double[] T = {0, 0.5, 1, 1.5, 2, 2.5};

  /**
   * The model values {@code theta0 exp(-theta1 t_i)} and their Jacobian, as {@code
   * LeastSquaresBuilder.model(...)} takes them; {@code sign} -1 gives the residuals' Jacobian of
   * {@code y - model} instead, the mistake the guide's table warns of.
   */
  static MultivariateJacobianFunction decay(double sign) {
    return point -> {
      double[] theta = point.toArray();
      double[] values = new double[T.length];
      double[][] jacobian = new double[T.length][2];
      for (int i = 0; i < T.length; i++) {
        double e = Math.exp(-theta[1] * T[i]);
        values[i] = theta[0] * e;
        jacobian[i][0] = sign * e;
        jacobian[i][1] = sign * -theta[0] * T[i] * e;
      }
      RealMatrix j = new Array2DRowRealMatrix(jacobian);
      return new Pair<>(new ArrayRealVector(values), j);
    };
  }

  @Test
  void coreApiAnyFramework() {
    MultivariateJacobianFunction model = decay(1);
    RealVector start = new ArrayRealVector(new double[] {1.8, 0.9});
    // spotless:off
    CommonsMath.jacobian(GradientCheck.create(), model, start).verify();   // core API, any framework
    // spotless:on
  }

  @Test
  void theResidualsJacobianForTheModelsFails() {
    MultivariateJacobianFunction model = decay(-1);
    RealVector start = new ArrayRealVector(new double[] {1.8, 0.9});
    assertThatThrownBy(() -> CommonsMath.jacobian(GradientCheck.create(), model, start).verify())
        .isInstanceOf(GradientCheckFailure.class)
        .hasMessageStartingWith("Jacobian of 'point' is wrong");
  }

  /** Run only by {@link #theExtensionRunsTheDeclarationAtEveryPoint}. */
  static class ModelFixture {
    final MultivariateJacobianFunction model = decay(1);
    final RealVector start = new ArrayRealVector(new double[] {1.8, 0.9});

    // spotless:off
    @GradCheck(points = 5)
    void model(GradientCheck check) {
      CommonsMath.jacobian(check, model, start);   // declared on the injected check: the extension runs it
    }
    // spotless:on
  }

  @Test
  void theExtensionRunsTheDeclarationAtEveryPoint() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ModelFixture.class)).execute();
    assertThat(TestKit.failures(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.started(5).succeeded(5).failed(0));
    List<Map<String, String>> entries =
        results.allEvents().reportingEntryPublished().list().stream()
            .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
            .toList();
    assertThat(entries)
        .hasSize(5)
        .allSatisfy(
            e ->
                assertThat(e)
                    .containsEntry("gradcheck.result", "passed")
                    .containsEntry("gradcheck.verified.point", "12 of 12 entries"));
  }
}
