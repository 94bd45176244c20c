package dev.gradcheck;

/**
 * The most likely explanation of a failed check, or of one failing parameter.
 *
 * <pre>{@code
 * CheckResult result = check.run();
 * result.diagnoses().forEach(d -> System.out.println(d.summary()));
 * // sign error — analytic = -1.00 × numeric on every entry of 'b'
 * }</pre>
 *
 * @param parameter the parameter it concerns, or empty for the whole check
 * @param shape the bug shape recognised
 * @param confidence how well the shape explains the entries, from 0 to 1
 * @param summary one line naming the bug and the evidence
 */
public record Diagnosis(String parameter, BugShape shape, double confidence, String summary) {}
