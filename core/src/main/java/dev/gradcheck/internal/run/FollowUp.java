package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import java.util.List;
import java.util.function.Function;

/**
 * A check a declaration runs after its first one, on the derivative the first one verified: the
 * Hessian of a loss (against differences of its gradient), or the Jacobian-vector product of a
 * forward whose vector-Jacobian product was declared too (with the adjoint test between the two).
 */
public sealed interface FollowUp {

  /** What the follow-up checks. */
  CheckKind kind();

  /** Builds the objective, given the declared parameters with their gradient storage. */
  JacobianObjective objective(Objective first, List<Declared> parameters);

  /** The Hessian, returned whole ({@code Supplier}) or as products ({@code Function}). */
  record Hessian(Object source) implements FollowUp {
    @Override
    public CheckKind kind() {
      return CheckKind.HESSIAN;
    }

    @Override
    public JacobianObjective objective(Objective first, List<Declared> parameters) {
      LossObjective loss = (LossObjective) first;
      return JacobianObjective.ofHessian(loss.loss(), loss.backwardPass(), parameters, source);
    }
  }

  /** The Jacobian-vector product of a forward whose vector-Jacobian product is checked first. */
  record Tangent(Function<double[], ?> product) implements FollowUp {
    @Override
    public CheckKind kind() {
      return CheckKind.JACOBIAN_VECTOR_PRODUCT;
    }

    @Override
    public JacobianObjective objective(Objective first, List<Declared> parameters) {
      return JacobianObjective.ofProducts(((OutputObjective<?>) first).forward(), product);
    }
  }
}
