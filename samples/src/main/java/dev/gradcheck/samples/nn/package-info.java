/**
 * A small neural-network library written by hand, each layer with a forward and a backward pass,
 * every one of them checked by gradcheck in this module's tests.
 *
 * <p>Conventions, in the style of EJML: data are flat row-major {@code double[]} arrays whose shape
 * is given by the layer's fields or the documented layout (a batch of {@code n} rows of {@code f}
 * features is {@code n * f} numbers, entry {@code [i][j]} at {@code i * f + j}; images are NCHW;
 * sequences are time-major {@code T x N x F}). A layer holds its parameters and their gradients as
 * public final arrays ({@code w}, {@code dw}, ...). {@code forward} caches what the backward needs
 * (by reference: do not change the input before the backward) and returns an output array that the
 * layer reuses while the batch size stays the same. {@code backward} fills the caller's input
 * gradient arrays and <em>overwrites</em> the parameter gradients, never adding to them.
 */
package dev.gradcheck.samples.nn;
