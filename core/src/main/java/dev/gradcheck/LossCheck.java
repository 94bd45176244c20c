package dev.gradcheck;

import java.util.function.DoubleSupplier;

/**
 * The second half of a loss declaration: the backward pass that fills the declared gradients.
 *
 * <pre>{@code
 * check.param("logits", z, dz)
 *      .loss(() -> SoftmaxCe.forward(z, labels))
 *      .backward(() -> SoftmaxCe.backward());
 * }</pre>
 */
public final class LossCheck {

  private final GradientCheck check;
  private final DoubleSupplier loss;

  LossCheck(GradientCheck check, DoubleSupplier loss) {
    this.check = check;
    this.loss = loss;
  }

  /**
   * Declares the backward pass. It runs after a loss evaluation at the declared point and must
   * overwrite the gradient storage of every declared parameter.
   *
   * @param backward the backward pass
   * @return the check, ready to {@link GradientCheck#run()}
   */
  public GradientCheck backward(Runnable backward) {
    if (backward == null) {
      throw new IllegalArgumentException("backward is null");
    }
    return check.complete(new dev.gradcheck.internal.run.LossObjective(loss, backward));
  }
}
