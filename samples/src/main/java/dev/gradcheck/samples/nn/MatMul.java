package dev.gradcheck.samples.nn;

/**
 * Products of row-major matrices stored at offsets inside flat arrays, as the recurrent and
 * attention layers need them for one time step or one sequence at a time. Every method adds into
 * {@code c}; callers clear it when they want a plain product.
 */
final class MatMul {

  private MatMul() {}

  /** {@code c[n x m] += a[n x k] · b[k x m]}. */
  static void ab(double[] a, int ao, double[] b, int bo, double[] c, int co, int n, int k, int m) {
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < k; i++) {
        double v = a[ao + r * k + i];
        int bi = bo + i * m;
        int cr = co + r * m;
        for (int j = 0; j < m; j++) {
          c[cr + j] += v * b[bi + j];
        }
      }
    }
  }

  /** {@code c[k x m] += a[n x k]ᵀ · b[n x m]}. */
  static void atb(double[] a, int ao, double[] b, int bo, double[] c, int co, int n, int k, int m) {
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < k; i++) {
        double v = a[ao + r * k + i];
        int br = bo + r * m;
        int ci = co + i * m;
        for (int j = 0; j < m; j++) {
          c[ci + j] += v * b[br + j];
        }
      }
    }
  }

  /** {@code c[n x k] += a[n x m] · b[k x m]ᵀ}. */
  static void abt(double[] a, int ao, double[] b, int bo, double[] c, int co, int n, int m, int k) {
    for (int r = 0; r < n; r++) {
      int ar = ao + r * m;
      for (int i = 0; i < k; i++) {
        int bi = bo + i * m;
        double sum = 0;
        for (int j = 0; j < m; j++) {
          sum += a[ar + j] * b[bi + j];
        }
        c[co + r * k + i] += sum;
      }
    }
  }
}
