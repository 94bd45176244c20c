/**
 * gradcheck's API: declare a check on a {@link dev.gradcheck.GradientCheck}, run it, and read the
 * {@link dev.gradcheck.CheckResult}.
 *
 * <p>Everything in this package is API. Packages named {@code internal} are not: they are public
 * only so that this package can use them, and change without notice.
 *
 * @since 0.1
 */
package dev.gradcheck;
