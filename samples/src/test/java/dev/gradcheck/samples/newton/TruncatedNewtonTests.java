package dev.gradcheck.samples.newton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.junit.jupiter.api.Test;

/** The conjugate-gradient solve and the Newton–CG loop around it. */
class TruncatedNewtonTests {

  private static final int N = LogisticRegression.FEATURES;

  @Test
  void conjugateGradientsSolveTheNewtonSystemInNSteps() {
    LogisticRegression model = LogisticRegression.synthetic(NewtonDemo.DATA_SEED);
    double[] w = {0.3, -0.2, 0.5, 0.1};
    double[] g = model.gradient(w);
    AtomicInteger products = new AtomicInteger();
    double[] s =
        TruncatedNewton.solve(
            v -> {
              products.incrementAndGet();
              return model.hessianTimes(w, v);
            },
            g,
            0,
            N);
    double[] exact =
        new CholeskyDecomposition(new Array2DRowRealMatrix(model.hessian(w)))
            .getSolver()
            .solve(new ArrayRealVector(Newton.negate(g)))
            .toArray();
    assertThat(products.get()).isEqualTo(N);
    for (int j = 0; j < N; j++) {
      assertThat(s[j]).isCloseTo(exact[j], within(1e-10));
    }
  }

  /**
   * Newton–CG calls the product only: a model whose formed Hessian throws is minimized all the
   * same.
   */
  @Test
  void newtonCgNeverFormsTheHessian() {
    LogisticRegression data = LogisticRegression.synthetic(NewtonDemo.DATA_SEED);
    LogisticRegression productsOnly =
        new LogisticRegression(data.x, data.y, data.lambda) {
          @Override
          public double[][] hessian(double[] w) {
            throw new AssertionError("Newton-CG formed the Hessian");
          }
        };
    Newton.Run run = TruncatedNewton.minimize(productsOnly, new double[N], 1e-10, 50);
    assertThat(run.converged()).isTrue();
    assertThat(run.loss())
        .isCloseTo(Newton.minimize(data, new double[N], 1e-10, 50).loss(), within(1e-12));
  }
}
