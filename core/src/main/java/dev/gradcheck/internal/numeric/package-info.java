/**
 * Internal: finite differences, extrapolation and noise estimation. Not API; may change without
 * notice.
 */
package dev.gradcheck.internal.numeric;
