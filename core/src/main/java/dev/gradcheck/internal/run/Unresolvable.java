package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import java.util.Optional;

/** Raised when an entry cannot be differentiated numerically; becomes an INCONCLUSIVE verdict. */
final class Unresolvable extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient ContractViolation violation;
  private final transient RuntimeException thrown;

  Unresolvable(String reason, ContractViolation violation) {
    this(reason, violation, null);
  }

  Unresolvable(String reason, ContractViolation violation, RuntimeException thrown) {
    super(reason, null, false, false);
    this.violation = violation;
    this.thrown = thrown;
  }

  /** The exception the user's code threw at a perturbed point, when that was the reason. */
  Optional<RuntimeException> thrown() {
    return Optional.ofNullable(thrown);
  }

  /** Whether smaller steps may help: a non-finite value or an exception at a perturbed point. */
  boolean outsideDomain() {
    return violation != null || thrown != null;
  }

  /** The broken contract behind it, when there is one (a non-finite loss). */
  Optional<ContractViolation> violation() {
    return Optional.ofNullable(violation);
  }
}
