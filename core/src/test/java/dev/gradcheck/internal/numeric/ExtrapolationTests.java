package dev.gradcheck.internal.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExtrapolationTests {

  /**
   * The central difference of exp at 0, {@code (e^h - e^-h) / 2h = sinh(h) / h}, computed exactly.
   */
  private static double centralOfExpAtZero(double h) {
    return Math.sinh(h) / h;
  }

  @Test
  void convergesToTheDerivativeOfExpAtZero() {
    Extrapolation extrapolation = new Extrapolation();
    double h = 0.5;
    for (int row = 0; row < 6; row++, h /= 2) {
      extrapolation.add(h, centralOfExpAtZero(h), 0);
    }

    Estimate best = extrapolation.best();
    // The plain central difference at the smallest step is only good to h²/6 ≈ 1e-4 ...
    assertThat(Math.abs(centralOfExpAtZero(h * 2) - 1)).isGreaterThan(1e-5);
    // ... the extrapolation removes the h², h⁴, ... terms.
    assertThat(Math.abs(best.value() - 1)).isLessThan(1e-12);
    assertThat(best.error()).isLessThan(1e-10);
    // The error estimate bounds the actual error.
    assertThat(Math.abs(best.value() - 1)).isLessThanOrEqualTo(best.error());
  }

  @Test
  void roundoffIsPartOfTheErrorEstimate() {
    Extrapolation exact = new Extrapolation();
    Extrapolation noisy = new Extrapolation();
    double h = 0.25;
    for (int row = 0; row < 4; row++, h /= 2) {
      exact.add(h, centralOfExpAtZero(h), 0);
      noisy.add(h, centralOfExpAtZero(h), 1e-6);
    }
    assertThat(noisy.best().error()).isGreaterThanOrEqualTo(2e-6);
    assertThat(noisy.best().error()).isGreaterThan(exact.best().error());
  }

  @Test
  void needsTwoRows() {
    Extrapolation extrapolation = new Extrapolation();
    assertThatThrownBy(extrapolation::best)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two");
    extrapolation.add(0.1, centralOfExpAtZero(0.1), 0);
    assertThatThrownBy(extrapolation::best).isInstanceOf(IllegalStateException.class);
    extrapolation.add(0.05, centralOfExpAtZero(0.05), 0);
    assertThat(extrapolation.best().value())
        .isCloseTo(1, org.assertj.core.data.Offset.offset(1e-6));
  }
}
