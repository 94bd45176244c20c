package dev.gradcheck.internal.result;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import java.util.Optional;

/**
 * A diagnosis.
 *
 * @param name the parameter it concerns, or an empty string for the whole check
 * @param shape the bug shape recognised
 * @param confidence how well the shape explains the entries, from 0 to 1
 * @param summary one line naming the bug and the evidence
 */
public record DefaultDiagnosis(String name, BugShape shape, double confidence, String summary)
    implements Diagnosis {

  @Override
  public Optional<String> parameter() {
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }
}
