package dev.gradcheck;

import dev.gradcheck.internal.run.JacobianObjective;
import dev.gradcheck.internal.run.OutputObjective;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The second half of a layer declaration: the backward pass that takes an upstream gradient of the
 * output's type and shape and fills the declared gradients.
 *
 * <pre>{@code
 * check.param("W", layer.w, layer.dw)
 *      .param("x", x, layer.dx)
 *      .output(() -> layer.forward(x))
 *      .backward(dy -> layer.backward(dy));
 * }</pre>
 *
 * @param <T> the output type of the forward
 */
public final class OutputCheck<T> {

  private final GradientCheck check;
  private final Supplier<T> forward;

  OutputCheck(GradientCheck check, Supplier<T> forward) {
    this.check = check;
    this.forward = forward;
  }

  /**
   * Declares the backward pass. It receives a fresh copy of a seeded random upstream gradient
   * {@code dy} after a forward at the declared point, and must overwrite the gradient storage of
   * every declared parameter with the vector-Jacobian product {@code dy · ∂output/∂parameter}.
   *
   * @param backward the backward pass
   * @return the check, ready to {@link GradientCheck#run()}
   */
  public GradientCheck backward(Consumer<? super T> backward) {
    if (backward == null) {
      throw new IllegalArgumentException("backward is null");
    }
    return check.complete(new OutputObjective<>(forward, backward));
  }

  /**
   * Declares the Jacobian of the output, checked entry by entry: every {@code ∂output[i] /
   * ∂parameter[j]} gets its own verdict. The supplier is called after a forward at the declared
   * point and returns the whole matrix: one row per output entry (row-major over a tensor output)
   * and one column per entry of the declared parameters, in declaration order, as {@code
   * double[][]}, {@code float[][]}, a {@code RealMatrix}, or flat storage of rows × columns
   * entries; for one parameter also a tensor of the output's shape followed by the parameter's.
   * With several parameters, one supplier per parameter gives that parameter's block instead (rows
   * × its entries, in the same forms). Parameters are declared {@linkplain
   * GradientCheck#param(String, Object) without gradient storage}.
   *
   * <pre>{@code
   * GradientCheck.create()
   *     .param("theta", theta)
   *     .output(() -> model.residuals(theta))     // m residuals
   *     .jacobian(() -> model.jacobian(theta))    // m x theta.length
   *     .verify();
   *
   * check.param("W", w).param("b", b)
   *      .output(() -> layer.forward(x))
   *      .jacobian(() -> layer.jacobianW(), () -> layer.jacobianB());   // one block each
   * }</pre>
   *
   * <p>Column {@code j} of every row comes from the same evaluations, so a smooth Jacobian costs
   * the forward evaluations of one gradient check of the parameters.
   *
   * @param jacobian returns the Jacobian at the current point, or the first parameter's block
   * @param blocks the blocks of the other parameters, in declaration order, if given by block
   * @return the check, ready to {@link GradientCheck#run()}
   * @since 0.1
   */
  public GradientCheck jacobian(Supplier<?> jacobian, Supplier<?>... blocks) {
    if (jacobian == null || blocks == null || java.util.Arrays.asList(blocks).contains(null)) {
      throw new IllegalArgumentException("jacobian is null");
    }
    java.util.List<Supplier<?>> all = new java.util.ArrayList<>();
    all.add(jacobian);
    all.addAll(java.util.Arrays.asList(blocks));
    return check.complete(JacobianObjective.ofMatrix(forward, all));
  }

  /**
   * Declares the forward mode of the output: a Jacobian-vector product {@code dx -> J·dx} (tangent
   * code, sensitivity equations), checked entry by entry: the check builds every column {@code
   * J·e_j} from products with unit vectors of random sign and judges each {@code ∂output[i] /
   * ∂parameter[j]} against central differences of the output. The direction has one entry per entry
   * of the declared parameters, in declaration order; the product returns one entry per output
   * entry, as {@code double[]} or any storage. Parameters are declared {@linkplain
   * GradientCheck#param(String, Object) without gradient storage}; to check a backward too, declare
   * {@code backward(...)} and then {@link GradientCheck#jacobianVectorProduct}.
   *
   * <pre>{@code
   * GradientCheck.create()
   *     .param("p", p)
   *     .output(() -> ode.solution(p))
   *     .jacobianVectorProduct(dp -> ode.sensitivity(p, dp))
   *     .verify();
   * }</pre>
   *
   * @param product returns {@code J·dx} at the current point
   * @return the check, ready to {@link GradientCheck#run()}
   * @since 0.1
   */
  public GradientCheck jacobianVectorProduct(Function<double[], ?> product) {
    if (product == null) {
      throw new IllegalArgumentException("jacobianVectorProduct is null");
    }
    return check.complete(JacobianObjective.ofProducts(forward, product));
  }
}
