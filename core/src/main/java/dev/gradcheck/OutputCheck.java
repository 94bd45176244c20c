package dev.gradcheck;

import dev.gradcheck.internal.run.OutputObjective;
import java.util.function.Consumer;
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
}
