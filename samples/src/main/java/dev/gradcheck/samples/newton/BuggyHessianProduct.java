package dev.gradcheck.samples.newton;

import java.util.Arrays;

/**
 * {@link LogisticRegression} whose Hessian-vector product is memoized at the current point, and the
 * memo forgets the direction. A conjugate-gradient solve calls {@code hessianTimes(w, v)} many
 * times at the same {@code w}, so caching what depends on {@code w} alone (the weights {@code p (1
 * - p)}) is a sound optimization; this variant caches the whole product, keyed on {@code w} only,
 * and so returns the first direction's {@code H·v} for every later direction at the same point.
 */
public final class BuggyHessianProduct extends LogisticRegression {

  private double[] cachedAt;
  private double[] cachedProduct;

  /**
   * Creates the buggy model of the same data as another.
   *
   * @param model the correct model whose data and λ are taken
   */
  public BuggyHessianProduct(LogisticRegression model) {
    super(model.x, model.y, model.lambda);
  }

  @Override
  public double[] hessianTimes(double[] w, double[] v) {
    if (!Arrays.equals(w, cachedAt)) { // the bug: the memo is keyed on w, but H·v depends on v
      cachedAt = w.clone();
      cachedProduct = super.hessianTimes(w, v);
    }
    return cachedProduct.clone();
  }
}
