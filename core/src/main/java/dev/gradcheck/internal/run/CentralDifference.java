package dev.gradcheck.internal.run;

/**
 * The two evaluations at {@code x ± h} of one entry and the derivatives they give.
 *
 * @param step the nominal step {@code h}
 * @param derivative the central difference {@code (f+ - f-) / (x+ - x-)}
 * @param left the left one-sided difference {@code (f0 - f-) / (x - x-)}
 * @param right the right one-sided difference {@code (f+ - f0) / (x+ - x)}
 * @param roundoff the rounding error of {@code derivative} given the function's noise
 * @param oneSidedRoundoff the rounding error of {@code left} and {@code right}
 */
record CentralDifference(
    double step,
    double derivative,
    double left,
    double right,
    double roundoff,
    double oneSidedRoundoff) {

  /** The jump between the one-sided derivatives: about {@code h f''} when smooth. */
  double jump() {
    return right - left;
  }
}
