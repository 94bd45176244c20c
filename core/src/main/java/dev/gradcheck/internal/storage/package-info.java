/** Internal: views over the user's parameter storage. Not API; may change without notice. */
package dev.gradcheck.internal.storage;
