package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.Diagnosis;
import java.util.Optional;

/** One known bug shape: the diagnosis when the evidence fits it. */
@FunctionalInterface
interface ShapeMatcher {

  Optional<Diagnosis> match(Evidence evidence);
}
