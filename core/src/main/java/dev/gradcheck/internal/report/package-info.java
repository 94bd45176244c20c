/** Internal: plain-text rendering of results. Not API; may change without notice. */
package dev.gradcheck.internal.report;
