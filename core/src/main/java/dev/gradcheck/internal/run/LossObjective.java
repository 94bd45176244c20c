package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Precision;
import java.util.function.DoubleSupplier;

/** A scalar loss and the backward that fills the declared gradients. */
public final class LossObjective extends Objective {

  private final DoubleSupplier loss;
  private final Runnable backward;
  private double last;

  /** Creates the objective from the user's loss and backward. */
  public LossObjective(DoubleSupplier loss, Runnable backward) {
    this.loss = loss;
    this.backward = backward;
  }

  /** The user's loss. */
  DoubleSupplier loss() {
    return loss;
  }

  /** The user's backward. */
  Runnable backwardPass() {
    return backward;
  }

  @Override
  public CheckKind kind() {
    return CheckKind.LOSS_GRADIENT;
  }

  @Override
  protected double compute() {
    last = loss.getAsDouble();
    return last;
  }

  @Override
  protected void runBackward() {
    backward.run();
  }

  @Override
  public double[] capture() {
    return new double[] {last};
  }

  @Override
  public String label(int index) {
    return "loss";
  }

  @Override
  public ContractViolation nonFinite(double scalar, String where) {
    return new ContractViolation.NonFiniteValue("loss", scalar, where);
  }

  @Override
  public Precision precision() {
    return Precision.DOUBLE;
  }
}
