/** Least-squares models with hand-written Jacobians, as fitted by Levenberg–Marquardt. */
package dev.gradcheck.samples.leastsquares;
