package dev.gradcheck;

import java.util.Optional;

/**
 * The most likely explanation of a failed check, or of one failing parameter. Built by the check;
 * users only read it.
 *
 * <pre>{@code
 * CheckResult result = check.run();
 * result.diagnoses().forEach(d -> System.out.println(d.summary()));
 * // sign error — analytic = -numeric on every entry of 'b'
 * }</pre>
 *
 * @since 0.1
 */
public interface Diagnosis {

  /**
   * Returns the parameter the diagnosis concerns.
   *
   * @return the parameter's name, or empty for the whole check
   */
  Optional<String> parameter();

  /**
   * Returns the bug shape recognised.
   *
   * @return the shape
   */
  BugShape shape();

  /**
   * Returns how well the shape explains the entries.
   *
   * @return a confidence from 0 to 1
   */
  double confidence();

  /**
   * Returns one line naming the bug and the evidence.
   *
   * @return the summary
   */
  String summary();
}
