package dev.gradcheck.internal.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepSizeTests {

  private static boolean isPowerOfTwo(double h) {
    return h > 0 && h == Math.scalb(1.0, Math.getExponent(h));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.0, 1e-300, 0.3, 1.0, -1.0, 3.7, -1234.5, 1e10, 1e300})
  void centralStepIsAPowerOfTwoNearCbrtEpsilonTimesScale(double x) {
    for (Precision p : Precision.values()) {
      double h = StepSize.central(x, p);
      double ideal = Math.cbrt(p.epsilon()) * Math.max(1, Math.abs(x));
      assertThat(isPowerOfTwo(h)).as("%s is a power of two", h).isTrue();
      assertThat(h / ideal).isBetween(1 / Math.sqrt(2), Math.sqrt(2));
    }
  }

  @Test
  void centralStepIsExactlyRepresentableAroundX() {
    double x = 0.7;
    double h = StepSize.central(x, Precision.DOUBLE);
    assertThat((x + h) - x).isEqualTo(h);
    assertThat(x - (x - h)).isEqualTo(h);
  }

  @Test
  void centralStepScalesWithMagnitudeAndNotBelowOne() {
    double atOne = StepSize.central(1, Precision.DOUBLE);
    assertThat(StepSize.central(0.001, Precision.DOUBLE)).isEqualTo(atOne);
    assertThat(StepSize.central(-1, Precision.DOUBLE)).isEqualTo(atOne);
    assertThat(StepSize.central(1024, Precision.DOUBLE)).isEqualTo(1024 * atOne);
    assertThat(StepSize.central(-1e6, Precision.DOUBLE) / atOne).isBetween(0.5e6, 2e6);
  }

  @Test
  void floatStepIsLargerThanDoubleStep() {
    for (double x : new double[] {0, 1, 100}) {
      double ratio = StepSize.central(x, Precision.FLOAT) / StepSize.central(x, Precision.DOUBLE);
      // cbrt(2^-23 / 2^-52) = 2^(29/3), about 810, within a factor sqrt(2) each way from rounding.
      assertThat(ratio).isBetween(512.0, 1024.0);
    }
  }

  @Test
  void noiseProbeStepIsASmallPowerOfTwo() {
    assertThat(StepSize.noiseProbe(1, Precision.DOUBLE, 0, 1.0)).isEqualTo(0x1p-20);
    assertThat(StepSize.noiseProbe(0.5, Precision.DOUBLE, 0, 1.0)).isEqualTo(0x1p-20);
    assertThat(StepSize.noiseProbe(1, Precision.FLOAT, 0, 1.0)).isEqualTo(0x1p-12);
    double big = StepSize.noiseProbe(-3000, Precision.DOUBLE, 0, 1.0);
    assertThat(isPowerOfTwo(big)).isTrue();
    assertThat(big / 3000).isBetween(0x1p-21, 0x1p-20);
  }
}
