/**
 * The bug zoo: copies of layers from {@link dev.gradcheck.samples.nn} with one deliberate bug in
 * each backward pass (or forward contract), the kinds of bugs people really write: a sign, a
 * forgotten factor, a transposed product, a loop bound one short, an off-by-one index, a gradient
 * never cleared or never written. Each class's javadoc names its bug in one line. The tests of this
 * package run every one through gradcheck and assert the diagnosis it receives.
 *
 * <p>Do not use these layers for anything else: every one of them is wrong on purpose.
 */
package dev.gradcheck.samples.zoo;
