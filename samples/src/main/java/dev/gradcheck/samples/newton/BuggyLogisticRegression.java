package dev.gradcheck.samples.newton;

/**
 * {@link LogisticRegression} whose Hessian forgets the L2 term: it returns {@code Xᵀ diag(p (1 -
 * p)) X}, the Hessian of the data term alone, without the {@code + λ I} that the penalty {@code λ/2
 * ‖w‖²} adds. The loss, the gradient (which does have its {@code + λ w}) and the Hessian-vector
 * product are right; only the diagonal of the matrix is off, each entry by {@code -λ}.
 */
public final class BuggyLogisticRegression extends LogisticRegression {

  /**
   * Creates the buggy model of the same data as another.
   *
   * @param model the correct model whose data and λ are taken
   */
  public BuggyLogisticRegression(LogisticRegression model) {
    super(model.x, model.y, model.lambda);
  }

  @Override
  public double[][] hessian(double[] w) {
    int n = w.length;
    double[][] h = new double[n][n];
    for (double[] row : x) {
      double p = sigmoid(dot(row, w));
      double s = p * (1 - p);
      for (int a = 0; a < n; a++) {
        for (int b = a; b < n; b++) {
          h[a][b] += s * row[a] * row[b];
        }
      }
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < a; b++) {
        h[a][b] = h[b][a]; // the lower triangle mirrors the upper, bit for bit
      }
    }
    return h; // the bug: the penalty's "+ λ I" is missing
  }
}
