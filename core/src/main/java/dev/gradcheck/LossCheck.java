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

  /**
   * Declares the Hessian of a loss that has no backward, checked against second differences of the
   * loss: central differences of its gradient by a five-point stencil, computed at two inner steps
   * so that the stencil's bias is estimated and removed. Parameters are declared {@linkplain
   * GradientCheck#param(String, Object) without gradient storage}. Coarser than a Hessian checked
   * after a backward ({@link GradientCheck#hessian}): over 3,000 random smooth functions
   * (HessianPropertyTests) passes are verified to a median 8e-7 relative where a backward gives
   * 4e-10; a disagreement below {@code ∛ε} (6e-6 in double) is never called a bug, and a pass
   * counts as coarse only beyond 1e-2. Each gradient costs {@code 6n} loss evaluations, so the
   * check costs {@code O(n²)} ({@link CheckResult#evaluations()} counts loss evaluations).
   *
   * <pre>{@code
   * GradientCheck.create()
   *     .param("x", x)
   *     .loss(() -> f(x))
   *     .hessian(() -> hessianOf(x))
   *     .verify();
   * }</pre>
   *
   * @param hessian returns the Hessian at the current point: one row and column per entry of the
   *     declared parameters, in declaration order
   * @return the check, ready to {@link GradientCheck#run()}
   * @since 0.1
   */
  public GradientCheck hessian(java.util.function.Supplier<?> hessian) {
    if (hessian == null) {
      throw new IllegalArgumentException("hessian is null");
    }
    return check.complete(
        dev.gradcheck.internal.run.JacobianObjective.ofLossHessian(loss, hessian));
  }

  /**
   * Declares a Hessian-vector product {@code v -> H·v} of a loss that has no backward, checked as
   * {@link #hessian} is, column by column from products with unit vectors of random sign.
   *
   * @param product returns {@code H·v} at the current point
   * @return the check, ready to {@link GradientCheck#run()}
   * @since 0.1
   */
  public GradientCheck hessianVectorProduct(java.util.function.Function<double[], ?> product) {
    if (product == null) {
      throw new IllegalArgumentException("hessianVectorProduct is null");
    }
    return check.complete(
        dev.gradcheck.internal.run.JacobianObjective.ofLossHessian(loss, product));
  }
}
