package dev.gradcheck.samples.nn;

import java.util.Arrays;
import java.util.Random;

/**
 * Single-head scaled dot-product self-attention with query, key and value projections. For each of
 * {@code n} sequences of {@code length} tokens with {@code model} features:
 *
 * <pre>
 * Q = x wq   K = x wk   V = x wv          (length x head each)
 * A = softmax(Q Kᵀ / √head)               (row-wise; causal: token i sees tokens 0..i only)
 * y = A V                                 (length x head)
 * </pre>
 *
 * <p>Input {@code n x length x model}, output {@code n x length x head}; {@code wq}, {@code wk},
 * {@code wv} each {@code model x head}.
 */
public final class SelfAttention {

  /** Features per input token. */
  public final int model;

  /** Features per query, key, value and output token. */
  public final int head;

  /** Whether a token attends only to itself and earlier tokens. */
  public final boolean causal;

  /** Query projection, {@code model x head}. */
  public final double[] wq;

  /** Gradient of the query projection; overwritten by {@link #backward}. */
  public final double[] dwq;

  /** Key projection, {@code model x head}. */
  public final double[] wk;

  /** Gradient of the key projection; overwritten by {@link #backward}. */
  public final double[] dwk;

  /** Value projection, {@code model x head}. */
  public final double[] wv;

  /** Gradient of the value projection; overwritten by {@link #backward}. */
  public final double[] dwv;

  private double[] x;
  private double[] q = new double[0];
  private double[] k = new double[0];
  private double[] v = new double[0];
  private double[] attention = new double[0];
  private double[] y = new double[0];
  private int n;
  private int length;

  /**
   * Creates a layer with LeCun-normal projections.
   *
   * @param model features per input token
   * @param head features per query, key, value and output token
   * @param causal whether tokens attend only to earlier tokens and themselves
   * @param random the source of the initial projections
   */
  public SelfAttention(int model, int head, boolean causal, Random random) {
    this.model = model;
    this.head = head;
    this.causal = causal;
    this.wq = Init.lecun(new double[model * head], model, random);
    this.wk = Init.lecun(new double[model * head], model, random);
    this.wv = Init.lecun(new double[model * head], model, random);
    this.dwq = new double[wq.length];
    this.dwk = new double[wk.length];
    this.dwv = new double[wv.length];
  }

  /**
   * Attends every token of every sequence to the tokens of its sequence.
   *
   * @param x input, {@code n x length x model}; kept for the backward
   * @param n number of sequences
   * @return output, {@code n x length x head}; reused by the next forward of the same size
   */
  public double[] forward(double[] x, int n) {
    int tokens = Shapes.rows(x, model, "input");
    if (n <= 0 || tokens % n != 0) {
      throw new IllegalArgumentException(tokens + " tokens do not split into " + n + " sequences");
    }
    this.n = n;
    this.length = tokens / n;
    this.x = x;
    if (y.length != tokens * head) {
      q = new double[tokens * head];
      k = new double[tokens * head];
      v = new double[tokens * head];
      y = new double[tokens * head];
      attention = new double[n * length * length];
    }
    Arrays.fill(q, 0);
    Arrays.fill(k, 0);
    Arrays.fill(v, 0);
    Arrays.fill(y, 0);
    MatMul.ab(x, 0, wq, 0, q, 0, tokens, model, head);
    MatMul.ab(x, 0, wk, 0, k, 0, tokens, model, head);
    MatMul.ab(x, 0, wv, 0, v, 0, tokens, model, head);
    double scale = 1 / Math.sqrt(head);
    for (int s = 0; s < n; s++) {
      int base = s * length * head;
      for (int i = 0; i < length; i++) {
        int row = (s * length + i) * length;
        int visible = causal ? i + 1 : length;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < visible; j++) {
          double score = 0;
          for (int d = 0; d < head; d++) {
            score += q[base + i * head + d] * k[base + j * head + d];
          }
          attention[row + j] = score * scale;
          max = Math.max(max, attention[row + j]);
        }
        double sum = 0;
        for (int j = 0; j < visible; j++) {
          attention[row + j] = Math.exp(attention[row + j] - max);
          sum += attention[row + j];
        }
        for (int j = 0; j < length; j++) {
          attention[row + j] = j < visible ? attention[row + j] / sum : 0;
        }
      }
      MatMul.ab(attention, s * length * length, v, base, y, base, length, length, head);
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: through {@code A V} into the attention weights and the
   * values, through the softmax ({@code dS = A ∘ (dA - rowsum(dA ∘ A))}) into the scores, then
   * through the projections.
   *
   * @param dy gradient of the output, {@code n x length x head}
   * @param dx filled with the gradient of the input, {@code n x length x model}
   */
  public void backward(double[] dy, double[] dx) {
    int tokens = n * length;
    Shapes.requireLength(dy, tokens * head, "dy");
    Shapes.requireLength(dx, tokens * model, "dx");
    double[] dq = new double[tokens * head];
    double[] dk = new double[tokens * head];
    double[] dv = new double[tokens * head];
    double[] dscores = new double[length * length];
    double scale = 1 / Math.sqrt(head);
    for (int s = 0; s < n; s++) {
      int base = s * length * head;
      int a = s * length * length;
      MatMul.atb(attention, a, dy, base, dv, base, length, length, head);
      Arrays.fill(dscores, 0);
      MatMul.abt(dy, base, v, base, dscores, 0, length, head, length);
      for (int i = 0; i < length; i++) {
        double dot = 0;
        for (int j = 0; j < length; j++) {
          dot += dscores[i * length + j] * attention[a + i * length + j];
        }
        for (int j = 0; j < length; j++) {
          dscores[i * length + j] =
              attention[a + i * length + j] * (dscores[i * length + j] - dot) * scale;
        }
      }
      MatMul.ab(dscores, 0, k, base, dq, base, length, length, head);
      MatMul.atb(dscores, 0, q, base, dk, base, length, length, head);
    }
    Arrays.fill(dwq, 0);
    Arrays.fill(dwk, 0);
    Arrays.fill(dwv, 0);
    MatMul.atb(x, 0, dq, 0, dwq, 0, tokens, model, head);
    MatMul.atb(x, 0, dk, 0, dwk, 0, tokens, model, head);
    MatMul.atb(x, 0, dv, 0, dwv, 0, tokens, model, head);
    Arrays.fill(dx, 0);
    MatMul.abt(dq, 0, wq, 0, dx, 0, tokens, head, model);
    MatMul.abt(dk, 0, wk, 0, dx, 0, tokens, head, model);
    MatMul.abt(dv, 0, wv, 0, dx, 0, tokens, head, model);
  }
}
