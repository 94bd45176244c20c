package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Entries at kinks are also checked together: a tie's gradient given to every tied entry passes
 * entry by entry, but not as a whole.
 */
class TiedKinksTests {

  private static CheckResult maxOfTie(double first, double second) {
    double[] x = {0.7, 0.7, -0.3};
    double[] dx = new double[3];
    return GradientCheck.create()
        .seed(5)
        .param("x", x, dx)
        .loss(() -> Math.max(x[0], x[1]) + x[2] * x[2])
        .backward(
            () -> {
              dx[0] = first;
              dx[1] = second;
              dx[2] = 2 * x[2];
            })
        .run();
  }

  @Test
  void aTieWhoseGradientGoesToBothMaximaFails() {
    CheckResult result = maxOfTie(1, 1);
    assertThat(result.parameter("x").count(Verdict.FAIL)).isZero(); // each entry alone is fine
    assertThat(result.passed()).isFalse();
    assertThat(result.violations())
        .singleElement()
        .isInstanceOfSatisfying(
            ContractViolation.TiedSubgradients.class,
            t -> {
              assertThat(t.entries()).isEqualTo("x[0], x[1]");
              assertThat(t.analytic())
                  .isCloseTo(2 * t.high(), org.assertj.core.data.Percentage.withPercentage(1e-6));
            });
    assertThat(Report.text(result)).contains("subgradients at tied kinks add up wrong");
  }

  @Test
  void validTieBreaksPass() {
    assertThat(maxOfTie(1, 0).passed()).isTrue();
    assertThat(maxOfTie(0, 1).passed()).isTrue();
    assertThat(maxOfTie(0.5, 0.5).passed()).isTrue();
  }

  @Test
  void overlappingTiesWithAFirstWinsBackwardPass() {
    double[] x = {1, 1, 1};
    double[] dx = new double[3];
    CheckResult result =
        GradientCheck.create()
            .seed(1)
            .param("x", x, dx)
            .loss(() -> Math.max(x[0], x[1]) - 2 * Math.max(x[1], x[2]))
            .backward(
                () -> {
                  dx[0] = 1;
                  dx[1] = -2;
                  dx[2] = 0;
                })
            .run();
    assertThat(result.passed()).as(Report.text(result)).isTrue();
  }

  @Test
  void independentReluKinksWithAnySubgradientPass() {
    double[] z = {0, 0, 0, 1.5};
    double[] dz = new double[4];
    CheckResult result =
        GradientCheck.create()
            .seed(2)
            .param("z", z, dz)
            .loss(() -> Math.max(0, z[0]) + 2 * Math.max(0, z[1]) + Math.abs(z[2]) + z[3] * z[3])
            .backward(
                () -> {
                  dz[0] = 0;
                  dz[1] = 2;
                  dz[2] = 0.25;
                  dz[3] = 2 * z[3];
                })
            .run();
    assertThat(result.passed()).as(Report.text(result)).isTrue();
  }

  /** A sliding max over windows of two, on values from {0, 1, 2}: ties everywhere. */
  private static CheckResult slidingMax(int seed, boolean everyTiedMaximum) {
    java.util.Random random = new java.util.Random(seed);
    int n = 12;
    double[] x = new double[n];
    double[] dx = new double[n];
    double[] u = new double[n - 1];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextInt(3);
    }
    for (int i = 0; i < n - 1; i++) {
      u[i] = 0.5 + random.nextDouble();
    }
    return GradientCheck.create()
        .seed(seed)
        .param("x", x, dx)
        .loss(
            () -> {
              double s = 0;
              for (int i = 0; i < n - 1; i++) {
                s += u[i] * Math.max(x[i], x[i + 1]);
              }
              return s;
            })
        .backward(
            () -> {
              java.util.Arrays.fill(dx, 0);
              for (int i = 0; i < n - 1; i++) {
                double max = Math.max(x[i], x[i + 1]);
                if (x[i] == max) {
                  dx[i] += u[i];
                }
                if (x[i + 1] == max && (everyTiedMaximum || x[i] != max)) {
                  dx[i + 1] += u[i];
                }
              }
            })
        .run();
  }

  @Test
  void slidingMaxBackwardThatFeedsEveryTiedMaximumIsCaughtAndFirstWinsIsNot() {
    for (int seed = 0; seed < 40; seed++) {
      assertThat(slidingMax(seed, false).passed()).as("first wins, seed %d", seed).isTrue();
      assertThat(slidingMax(seed, true).passed()).as("every tied maximum, seed %d", seed).isFalse();
    }
  }
}
