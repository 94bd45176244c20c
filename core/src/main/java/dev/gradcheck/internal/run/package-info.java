/**
 * Internal: running a check, from contracts to per-entry verdicts. Not API; may change without
 * notice.
 */
package dev.gradcheck.internal.run;
