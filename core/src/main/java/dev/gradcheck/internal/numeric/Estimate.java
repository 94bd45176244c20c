package dev.gradcheck.internal.numeric;

/**
 * A numeric derivative together with an estimate of its absolute error.
 *
 * @param value the derivative
 * @param error a bound-like estimate of {@code |value - true derivative|}
 */
public record Estimate(double value, double error) {}
