package dev.gradcheck.internal.run;

import dev.gradcheck.internal.text.Numbers;
import java.util.Optional;

/**
 * The measured noise of the checked scalar.
 *
 * @param sigma the noise's standard deviation
 * @param magnitude the largest magnitude of the scalar seen while measuring
 * @param outputs the noise of each output entry, for a check of each (a Jacobian); else null
 * @param outputMagnitudes the largest magnitude of each output entry seen while measuring; null
 *     with {@code outputs}
 */
record NoiseLevel(double sigma, double magnitude, double[] outputs, double[] outputMagnitudes) {

  /** The noise of a scalar alone. */
  NoiseLevel(double sigma, double magnitude) {
    this(sigma, magnitude, null, null);
  }

  /** The larger noise of this and another measurement, of the scalar and of each output entry. */
  NoiseLevel atLeast(NoiseLevel other) {
    double[] larger = outputs == null ? null : outputs.clone();
    for (int i = 0; larger != null && i < larger.length; i++) {
      larger[i] = Math.max(larger[i], other.outputs[i]);
    }
    double[] largerMagnitudes = outputMagnitudes == null ? null : outputMagnitudes.clone();
    for (int i = 0; largerMagnitudes != null && i < largerMagnitudes.length; i++) {
      largerMagnitudes[i] = Math.max(largerMagnitudes[i], other.outputMagnitudes[i]);
    }
    return new NoiseLevel(
        Math.max(sigma, other.sigma),
        Math.max(magnitude, other.magnitude),
        larger,
        largerMagnitudes);
  }

  /** The noise of output entry {@code i}: its own when measured, else the scalar's. */
  double sigma(int i) {
    return outputs == null ? sigma : outputs[i];
  }

  /**
   * Noise above this fraction of the function's magnitude means the function is erratic at the
   * scale of a finite-difference step: {@code sin} of a huge argument in float, a stochastic
   * forward. Finite differences of such a function prove nothing either way.
   */
  private static final double ERRATIC = 1e-3;

  /**
   * Why output entry {@code i} is too noisy for a finite difference to accuse its derivatives, if
   * it is: judged on its own noise and magnitude, so that one erratic output neither shields the
   * others' bugs nor hides among larger, quiet outputs.
   */
  Optional<String> erratic(int i) {
    return outputs == null ? erratic() : erratic(outputs[i], outputMagnitudes[i]);
  }

  /** Whether the scalar or any output entry is too noisy to differentiate numerically. */
  boolean anyErratic() {
    if (erratic().isPresent()) {
      return true;
    }
    for (int i = 0; outputs != null && i < outputs.length; i++) {
      if (erratic(i).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Why the function is too noisy for a finite difference to accuse a gradient, if it is. */
  Optional<String> erratic() {
    return erratic(sigma, magnitude);
  }

  private static Optional<String> erratic(double sigma, double magnitude) {
    if (sigma > ERRATIC * magnitude) {
      return Optional.of(
          ("the forward is too noisy to differentiate numerically: its noise %s is %s of its"
                  + " magnitude %s")
              .formatted(
                  Numbers.error(sigma),
                  Numbers.error(sigma / magnitude),
                  Numbers.value(magnitude)));
    }
    return Optional.empty();
  }
}
