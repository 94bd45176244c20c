/**
 * The implementations of the result types: records the check builds and users read through the
 * interfaces of {@code dev.gradcheck}. Not API.
 */
package dev.gradcheck.internal.result;
