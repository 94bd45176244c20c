/**
 * The demo's question: does a wrong gradient still train? A small MLP learns two spirals with its
 * correct backward and with planted bugs, and gradcheck says what each bug is.
 */
package dev.gradcheck.samples.demo;
