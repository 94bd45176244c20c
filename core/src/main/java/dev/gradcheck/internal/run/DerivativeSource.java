package dev.gradcheck.internal.run;

import java.util.Optional;

/** Where a matrix check's user-side derivatives come from: a returned matrix, or products. */
interface DerivativeSource {

  /** Calls the user's code and returns the matrix, rows × columns, row by row. */
  double[] matrix(JacobianObjective objective);

  /** The user's method, as messages name it: {@code jacobian}, {@code hessianVectorProduct}. */
  String name();

  /** The user's code as the linear map it must be, when it takes an input. */
  default Optional<LinearMap> linearMap(JacobianObjective objective) {
    return Optional.empty();
  }
}
