package dev.gradcheck.internal.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class NoiseEstimatorTests {

  private static final int HALF = NoiseEstimator.POINTS / 2;

  /** Values at the points {@code -HALF .. HALF}. */
  private static double[] line(IntToDoubleFunction f) {
    double[] values = new double[NoiseEstimator.POINTS];
    for (int j = -HALF; j <= HALF; j++) {
      values[j + HALF] = f.applyAsDouble(j);
    }
    return values;
  }

  @Test
  void gaussianNoiseOfKnownSigmaOnASmoothFunction() {
    double sigma = 1e-6;
    Random random = new Random(20110301);
    int lines = 400;
    int withinFactorTwo = 0;
    double sum = 0;
    for (int t = 0; t < lines; t++) {
      double offset = random.nextDouble();
      double[] values =
          line(j -> Math.exp(Math.sin(offset + 1e-3 * j)) + sigma * random.nextGaussian());
      double estimate = NoiseEstimator.estimate(values)[0];
      sum += estimate;
      if (estimate > sigma / 2 && estimate < 2 * sigma) {
        withinFactorTwo++;
      }
    }
    // 15 points give a rough estimate from a single line, but an unbiased one: most single
    // estimates lie within a factor 2, and their mean is close to sigma.
    assertThat(withinFactorTwo).isGreaterThanOrEqualTo(lines * 85 / 100);
    assertThat(sum / lines).isBetween(0.8 * sigma, 1.25 * sigma);
  }

  @Test
  void largerNoiseGivesAProportionallyLargerEstimate() {
    Random random = new Random(7);
    double[] unit = line(j -> random.nextGaussian());
    double[] scaled = unit.clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= 1000;
    }
    assertThat(NoiseEstimator.estimate(scaled)[0] / NoiseEstimator.estimate(unit)[0])
        .isCloseTo(1000, org.assertj.core.data.Percentage.withPercentage(1e-9));
  }

  @Test
  void polynomialsOfDegreeTwoHaveNoNoise() {
    assertThat(NoiseEstimator.estimate(line(j -> 3.0 * j * j - 2.0 * j + 5))[0]).isZero();
    assertThat(NoiseEstimator.estimate(line(j -> 7.5))[0]).isZero();
    // Off the integers, only rounding remains: far below 1e-14 of the values.
    double sigma = NoiseEstimator.estimate(line(j -> 0.3 + 0.01 * j + 0.002 * j * 0.01 * j))[0];
    assertThat(sigma).isLessThan(1e-16);
  }

  @Test
  void aSingleKinkIsNotNoise() {
    // A ReLU crossing zero between two points in the middle of the line.
    double[] relu = line(j -> Math.max(0, 0.1 * (j - 0.5)));
    assertThat(NoiseEstimator.estimate(relu)[0]).isLessThan(1e-12);
    // An absolute value with its kink exactly on the centre point.
    double[] abs = line(j -> Math.abs(0.37 * j) + 1);
    assertThat(NoiseEstimator.estimate(abs)[0]).isLessThan(1e-12);
  }

  @Test
  void kinkDoesNotHideRealNoise() {
    double sigma = 1e-6;
    Random random = new Random(3);
    int lines = 200;
    double sum = 0;
    for (int t = 0; t < lines; t++) {
      sum +=
          NoiseEstimator.estimate(line(j -> Math.max(0, j - 0.5) + sigma * random.nextGaussian()))[
              0];
    }
    assertThat(sum / lines).isBetween(0.5 * sigma, 2 * sigma);
  }

  @Test
  void needsExactlyTheProbePoints() {
    assertThatThrownBy(() -> NoiseEstimator.estimate(new double[NoiseEstimator.POINTS - 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Integer.toString(NoiseEstimator.POINTS));
  }

  @Test
  void roundingInStepWithTheSpacingIsLocked() {
    // lo + (hi - lo) s with lo near 2e5: values on 2e5's grid (2^-35), a straight line along the
    // spacing of hi, every third difference exactly zero.
    double lo = -199612.43003932858;
    double hi = 0.027326585865158234;
    double s = 1 / (1 + Math.exp(-7.217953989959261));
    assertThat(NoiseEstimator.locked(line(j -> lo + (hi + j * 0x1p-20 - lo) * s))).isTrue();
  }

  @Test
  void exactValuesAreLockedTooButConstantOnesAreNot() {
    // Exact along the line looks the same as locked rounding: only a probe off the grid tells.
    assertThat(NoiseEstimator.locked(line(j -> 3 + j * 0x1p-20))).isTrue();
    // A constant tells nothing to lock to.
    assertThat(NoiseEstimator.locked(line(j -> 3))).isFalse();
  }

  @Test
  void onlyRoundingLockedOnAFineGridCountsAsSuch() {
    double lo = -199612.43003932858;
    double s = 1 / (1 + Math.exp(-7.217953989959261));
    // 2e5's grid (2^-35) under steps of 2^-20: rounding, locked.
    assertThat(NoiseEstimator.lockedOnFineGrid(line(j -> lo + (0.0273 + j * 0x1p-20 - lo) * s)))
        .isTrue();
    // At an extremum the ends meet, but the values still move away from the middle.
    double ulp = Math.ulp(1e5);
    assertThat(NoiseEstimator.lockedOnFineGrid(line(j -> 1e5 + j * j * 1001 * ulp))).isTrue();
    // A residual exact along the line (x + c at t = 0) moves by whole steps: exact, not rounding.
    assertThat(NoiseEstimator.lockedOnFineGrid(line(j -> 0.3 + j * 0x1p-20 - 1))).isFalse();
  }

  @Test
  void roundingNoiseIsNotLocked() {
    Random random = new Random(7);
    int locked = 0;
    for (int t = 0; t < 200; t++) {
      double offset = random.nextDouble();
      // sin along a spacing of 2^-20 rounds at its own last place, differently at every point.
      locked += NoiseEstimator.locked(line(j -> Math.sin(offset + j * 0x1p-20))) ? 1 : 0;
    }
    assertThat(locked).isZero();
  }

  @Test
  void gridIsTheCoarsestPowerOfTwoDividingEveryDifference() {
    // 100 + k/1024 for odd and even k: the differences are multiples of 2^-10, some odd ones.
    assertThat(NoiseEstimator.grid(line(j -> 100 + j * 3 * 0x1p-10))).isEqualTo(0x1p-10);
    assertThat(NoiseEstimator.grid(line(j -> 100 + j * 0x1p-8 * 2))).isEqualTo(0x1p-7);
    assertThat(NoiseEstimator.grid(line(j -> 5))).isZero();
    // A value cancelled down from 1e5 keeps 1e5's grid (2^-36), far coarser than its own ulp.
    double lo = 113500.09126506973;
    double s = 0.999144;
    double[] cancelled = line(j -> lo + (0.2467 + j * 0.731e-6 - lo) * s);
    assertThat(NoiseEstimator.grid(cancelled))
        .isGreaterThanOrEqualTo(Math.ulp(lo))
        .isGreaterThan(1000 * Math.ulp(cancelled[HALF]));
  }
}
