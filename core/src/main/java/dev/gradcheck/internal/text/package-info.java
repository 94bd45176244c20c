/**
 * Internal: how numbers read in every message and report, one format per kind. It depends on
 * nothing else of gradcheck, so that every other package may use it. Not API; may change without
 * notice.
 */
package dev.gradcheck.internal.text;
