package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Precision;
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

  private final OutputReader output;
  private final Consumer<? super T> backward;

  /** Creates the objective from the user's forward and backward. */
  public OutputObjective(Supplier<T> forward, Consumer<? super T> backward) {
    this.output =
        new OutputReader(forward, "its backward receives an upstream gradient of the first call's");
    this.backward = backward;
  }

  @Override
  public CheckKind kind() {
    return CheckKind.VECTOR_JACOBIAN_PRODUCT;
  }

  @Override
  protected double compute() {
    return output.read();
  }

  @Override
  protected void prepare(SplittableRandom random) {
    output.prepare(random);
  }

  @Override
  @SuppressWarnings("unchecked") // an upstream gradient is of the class of the forward's output
  protected void runBackward() {
    backward.accept((T) output.weightsAsOutput());
  }

  @Override
  public double[] upstream() {
    return output.weights();
  }

  @Override
  public double[] capture() {
    return output.capture();
  }

  @Override
  public String label(int index) {
    return output.label(index);
  }

  @Override
  public ContractViolation nonFinite(double scalar, String where) {
    return output.nonFinite(scalar, where);
  }

  @Override
  public Precision precision() {
    return output.precision();
  }
}
