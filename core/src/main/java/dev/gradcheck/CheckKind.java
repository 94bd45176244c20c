package dev.gradcheck;

/**
 * What kind of derivative a check compared.
 *
 * @since 0.1
 */
public enum CheckKind {
  /** The gradient of a scalar loss, declared with {@link GradientCheck#loss}. */
  LOSS_GRADIENT("loss gradient"),
  /**
   * The vector-Jacobian product of a forward with tensor output and a random upstream gradient,
   * declared with {@link GradientCheck#output}.
   */
  VECTOR_JACOBIAN_PRODUCT("vector-Jacobian product"),
  /**
   * Every entry of the Jacobian of a forward with tensor output, declared with {@link
   * OutputCheck#jacobian}.
   *
   * @since 0.1
   */
  JACOBIAN("Jacobian"),
  /**
   * The Jacobian-vector product of a forward with tensor output, checked column by column, declared
   * with {@link OutputCheck#jacobianVectorProduct}.
   *
   * @since 0.1
   */
  JACOBIAN_VECTOR_PRODUCT("Jacobian-vector product"),
  /**
   * Every entry of the Hessian of a loss, or of its Hessian-vector product, against differences of
   * the loss's verified gradient, declared with {@link GradientCheck#hessian} or {@link
   * GradientCheck#hessianVectorProduct}.
   *
   * @since 0.1
   */
  HESSIAN("Hessian");

  private final String description;

  CheckKind(String description) {
    this.description = description;
  }

  /**
   * Returns how messages name this kind, such as {@code loss gradient}.
   *
   * @return the description
   */
  public String description() {
    return description;
  }
}
