package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import java.util.Optional;

/** Raised when an entry cannot be differentiated numerically; becomes an INCONCLUSIVE verdict. */
final class Unresolvable extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient ContractViolation violation;

  Unresolvable(String reason, ContractViolation violation) {
    super(reason, null, false, false);
    this.violation = violation;
  }

  /** The broken contract behind it, when there is one (a non-finite loss). */
  Optional<ContractViolation> violation() {
    return Optional.ofNullable(violation);
  }
}
