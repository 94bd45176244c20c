package dev.gradcheck.samples.demo;

import dev.gradcheck.CheckResult;
import dev.gradcheck.Report;

/**
 * One trained variant of the demo: its bug, how training went, and what gradcheck said.
 *
 * @param bug the planted bug
 * @param training the training record
 * @param check the gradient check of its backward at the initial weights
 * @param report the file name of the check's HTML report
 */
public record Variant(PlantedBug bug, Training training, CheckResult check, String report) {

  /** Returns gradcheck's verdict in one line: passed, or the likely bug. */
  public String verdict() {
    if (check.passed()) {
      return "passed";
    }
    return "FAILED: "
        + check.diagnoses().stream()
            .findFirst()
            .map(d -> d.summary())
            .orElse(Report.text(check).lines().findFirst().orElse(""));
  }
}
