/**
 * Second derivatives for Newton's method: {@link dev.gradcheck.samples.newton.LogisticRegression},
 * L2-regularised logistic regression with a hand-written gradient, Hessian and Hessian-vector
 * product, minimized by {@link dev.gradcheck.samples.newton.Newton} (Cholesky on the formed
 * Hessian) and {@link dev.gradcheck.samples.newton.TruncatedNewton} (conjugate gradients on
 * products only); {@link dev.gradcheck.samples.newton.BuggyLogisticRegression} (a Hessian without
 * its {@code λ I}) and {@link dev.gradcheck.samples.newton.BuggyHessianProduct} (a product memoized
 * on the point alone), and {@link dev.gradcheck.samples.newton.NewtonDemo}, what each bug does to
 * its solver.
 */
package dev.gradcheck.samples.newton;
