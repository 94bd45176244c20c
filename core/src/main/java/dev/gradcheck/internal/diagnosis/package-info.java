/** Internal: recognising bug shapes in failed checks. Not API; may change without notice. */
package dev.gradcheck.internal.diagnosis;
