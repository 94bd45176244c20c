/**
 * The JUnit Jupiter extension: {@link dev.gradcheck.junit.GradCheck}, a test annotation whose
 * method declares a check on an injected {@link dev.gradcheck.GradientCheck}.
 *
 * @since 0.1
 */
package dev.gradcheck.junit;
