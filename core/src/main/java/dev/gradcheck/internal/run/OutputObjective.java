package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Precision;
import dev.gradcheck.internal.storage.Entries;
import dev.gradcheck.internal.storage.MultiIndex;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A forward with tensor output, scalarised as {@code <u, forward()>} for a seeded random upstream
 * gradient {@code u}; the backward receives a fresh copy of {@code u}, so its gradients are the
 * vector-Jacobian product that the scalar's numeric gradient checks.
 *
 * @param <T> the output type, which is also the type of the upstream gradient
 */
public final class OutputObjective<T> extends Objective {

  private final Supplier<T> forward;
  private final Consumer<? super T> backward;
  private Object lastOutput;
  private Entries lastEntries;
  private int[] shape;
  private String kind;
  private double[] upstream;
  private SplittableRandom random;

  /** Creates the objective from the user's forward and backward. */
  public OutputObjective(Supplier<T> forward, Consumer<? super T> backward) {
    this.forward = forward;
    this.backward = backward;
  }

  @Override
  public CheckKind kind() {
    return CheckKind.VECTOR_JACOBIAN_PRODUCT;
  }

  @Override
  protected double compute() {
    T output = forward.get();
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
      drawUpstream();
    } else if (!Arrays.equals(shape, lastEntries.shape()) || !kind.equals(lastEntries.kind())) {
      Entries changed = lastEntries;
      throw new InvalidOutput(
          "the forward returned "
              + describe(changed.kind(), changed.shape())
              + " "
              + InvalidOutput.WHERE
              + ", after "
              + describe(kind, shape)
              + " at the declared point: a forward must return the same type and shape on every"
              + " call (its backward receives an upstream gradient of the first call's)",
          true,
          describe(kind, shape),
          describe(changed.kind(), changed.shape()));
    }
    double sum = 0;
    for (int i = 0; i < upstream.length; i++) {
      sum += upstream[i] * lastEntries.get(i);
    }
    return sum;
  }

  private static String describe(String kind, int[] shape) {
    return kind + " of shape " + Arrays.toString(shape);
  }

  @Override
  protected void prepare(SplittableRandom random) {
    this.random = random;
  }

  /**
   * Draws the upstream gradient: entries of random sign and magnitude in [0.5, 1.5), never all
   * equal, so that a backward which ignores its upstream gradient or mixes up output entries cannot
   * pass; rounded to the output's precision.
   */
  private void drawUpstream() {
    upstream = new double[lastEntries.size()];
    Entries probe = Entries.of(lastEntries.newZeroed(), "upstream gradient", "dy");
    for (int i = 0; i < upstream.length; i++) {
      double magnitude = 0.5 + random.nextDouble();
      probe.set(i, random.nextBoolean() ? magnitude : -magnitude);
      upstream[i] = probe.get(i);
    }
  }

  @Override
  @SuppressWarnings("unchecked") // newZeroed returns the class of the forward's own output
  protected void runBackward() {
    Object dy = lastEntries.newZeroed();
    Entries view = Entries.of(dy, "upstream gradient", "dy");
    for (int i = 0; i < upstream.length; i++) {
      view.set(i, upstream[i]);
    }
    backward.accept((T) dy);
  }

  @Override
  public double[] upstream() {
    return upstream == null ? null : upstream.clone();
  }

  @Override
  public double[] capture() {
    double[] values = new double[lastEntries.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = lastEntries.get(i);
    }
    return values;
  }

  @Override
  public String label(int index) {
    return MultiIndex.format("output", shape, index);
  }

  @Override
  public ContractViolation nonFinite(double scalar, String where) {
    for (int i = 0; i < lastEntries.size(); i++) {
      double value = lastEntries.get(i);
      if (!Double.isFinite(value)) {
        return new ContractViolation.NonFiniteValue(label(i), value, where);
      }
    }
    return new ContractViolation.NonFiniteValue("<dy, output>", scalar, where);
  }

  @Override
  public Precision precision() {
    return lastEntries == null ? Precision.DOUBLE : lastEntries.precision();
  }
}
