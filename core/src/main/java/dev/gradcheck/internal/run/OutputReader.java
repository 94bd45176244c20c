package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.Precision;
import dev.gradcheck.internal.storage.Entries;
import dev.gradcheck.internal.storage.MultiIndex;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Reads a forward's tensor output, call after call: checks that its type and shape stay those of
 * the first call, draws a seeded random weighting {@code u} of its entries at the first call, and
 * folds the output into the scalar {@code <u, output>} that noise probes and contracts read, while
 * keeping its entries for views of single output entries.
 */
final class OutputReader {

  private final Supplier<?> forward;
  private final String why;
  private Object lastOutput;
  private Entries lastEntries;
  private int[] shape;
  private String kind;
  private double[] weights;
  private SplittableRandom random;

  /**
   * @param forward the user's forward
   * @param why why the output's shape must stay put, for the message when it does not
   */
  OutputReader(Supplier<?> forward, String why) {
    this.forward = forward;
    this.why = why;
  }

  void prepare(SplittableRandom random) {
    this.random = random;
  }

  /** Evaluates the forward once and returns {@code <u, output>}. */
  double read() {
    Object output = forward.get();
    // Arrays of rows are read afresh every time: a forward may keep the outer array and replace
    // its rows.
    if (output != lastOutput || lastEntries == null || output instanceof Object[]) {
      try {
        lastEntries = Entries.of(output, "the output of the forward", "output");
      } catch (IllegalArgumentException e) {
        throw new InvalidOutput(e.getMessage());
      }
      lastOutput = output;
    }
    if (shape == null) {
      shape = lastEntries.shape();
      kind = lastEntries.kind();
      drawWeights();
    } else if (!Arrays.equals(shape, lastEntries.shape()) || !kind.equals(lastEntries.kind())) {
      Entries changed = lastEntries;
      throw new InvalidOutput(
          ("the forward returned %s %s, after %s at the declared point: a forward must return"
                  + " the same type and shape on every call (%s)")
              .formatted(
                  describe(changed.kind(), changed.shape()),
                  InvalidOutput.WHERE,
                  describe(kind, shape),
                  why),
          true,
          describe(kind, shape),
          describe(changed.kind(), changed.shape()));
    }
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i] * lastEntries.get(i);
    }
    return sum;
  }

  private static String describe(String kind, int[] shape) {
    return "%s of shape %s".formatted(kind, Arrays.toString(shape));
  }

  /**
   * Draws the weights: entries of random sign and magnitude in [0.5, 1.5), never all equal, so that
   * a backward which ignores its upstream gradient or mixes up output entries cannot pass; rounded
   * to the output's precision.
   */
  private void drawWeights() {
    weights = new double[lastEntries.size()];
    Entries probe = Entries.of(lastEntries.newZeroed(), "upstream gradient", "dy");
    for (int i = 0; i < weights.length; i++) {
      double magnitude = 0.5 + random.nextDouble();
      probe.set(i, random.nextBoolean() ? magnitude : -magnitude);
      weights[i] = probe.get(i);
    }
  }

  /** The weights {@code u}, or null before the first call. */
  double[] weights() {
    return weights == null ? null : weights.clone();
  }

  /** A new object of the output's type and shape holding the weights: an upstream gradient. */
  Object weightsAsOutput() {
    return asOutput(weights);
  }

  /**
   * A new object of the output's type and shape holding these values, such as an upstream gradient.
   */
  Object asOutput(double[] values) {
    Object dy = lastEntries.newZeroed();
    Entries view = Entries.of(dy, "upstream gradient", "dy");
    for (int i = 0; i < values.length; i++) {
      view.set(i, values[i]);
    }
    return dy;
  }

  /** The number of output entries; 0 before the first call. */
  int size() {
    return lastEntries == null ? 0 : lastEntries.size();
  }

  /** The output's shape, or null before the first call. */
  int[] shape() {
    return shape == null ? null : shape.clone();
  }

  /** The output's entries at the last call. */
  double[] capture() {
    double[] values = new double[lastEntries.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = lastEntries.get(i);
    }
    return values;
  }

  /** The label of an output entry, such as {@code output[1][2]}. */
  String label(int index) {
    return MultiIndex.format("output", shape, index);
  }

  /** The first non-finite output entry of the last call, or the scalar when all are finite. */
  ContractViolation nonFinite(double scalar, String where) {
    for (int i = 0; i < lastEntries.size(); i++) {
      double value = lastEntries.get(i);
      if (!Double.isFinite(value)) {
        return new ContractViolation.NonFiniteValue(label(i), value, where);
      }
    }
    return new ContractViolation.NonFiniteValue("<dy, output>", scalar, where);
  }

  Precision precision() {
    return lastEntries == null ? Precision.DOUBLE : lastEntries.precision();
  }
}
