package dev.gradcheck.internal.numeric;

/**
 * A numeric derivative together with an estimate of its absolute error.
 *
 * @param value the derivative
 * @param error a bound-like estimate of {@code |value - true derivative|}
 * @param step the smallest step that contributed to the value
 */
public record Estimate(double value, double error, double step) {}
