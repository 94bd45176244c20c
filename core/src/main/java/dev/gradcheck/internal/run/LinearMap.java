package dev.gradcheck.internal.run;

/**
 * The user's derivative code seen as the linear map it must be: a backward {@code dy -> Jᵀ·dy}, a
 * Jacobian-vector product {@code dx -> J·dx} or a Hessian-vector product {@code v -> H·v}.
 */
interface LinearMap {

  /** The user's method, as messages name it: {@code backward}. */
  String code();

  /** The input, as messages name it: {@code dy}. */
  String input();

  /** The number of input entries. */
  int inputs();

  /** Calls the user's code once with this input and returns its output, flat. */
  double[] apply(double[] input);

  /** The label of output entry {@code k}, such as {@code the gradient of W[1][0]}. */
  String label(int k);

  /** The working precision's epsilon of input and output. */
  double epsilon();
}
