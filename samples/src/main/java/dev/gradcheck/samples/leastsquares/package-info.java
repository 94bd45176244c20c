/**
 * Least-squares models with hand-written Jacobians, as fitted by Levenberg–Marquardt: {@link
 * dev.gradcheck.samples.leastsquares.ExponentialDecay}, checked through its vector-Jacobian
 * product, and {@link dev.gradcheck.samples.leastsquares.GaussianPeak}, a commons-math3 {@code
 * MultivariateJacobianFunction} checked entry by entry; each with a {@code Buggy} variant next to
 * it, and {@link dev.gradcheck.samples.leastsquares.PeakFitDemo}, what the buggy Jacobian does to a
 * fit.
 */
package dev.gradcheck.samples.leastsquares;
