package dev.gradcheck.samples.nn;

import java.util.Arrays;
import java.util.Random;

/**
 * An Elman recurrent layer unrolled over a whole sequence, {@code h_t = tanh(x_t wx + h_{t-1} wh +
 * b)}, with backpropagation through time. Sequences are time-major: input {@code steps x n x
 * inputs}, initial state {@code n x hidden}, output (every step's state) {@code steps x n x
 * hidden}; weights {@code wx} {@code inputs x hidden}, {@code wh} {@code hidden x hidden}, bias
 * {@code hidden}.
 */
public final class Rnn {

  /** Input features per step. */
  public final int inputs;

  /** State size. */
  public final int hidden;

  /** Input weights, {@code inputs x hidden}. */
  public final double[] wx;

  /** Gradient of the input weights; overwritten by {@link #backward}. */
  public final double[] dwx;

  /** Recurrent weights, {@code hidden x hidden}. */
  public final double[] wh;

  /** Gradient of the recurrent weights; overwritten by {@link #backward}. */
  public final double[] dwh;

  /** Bias, {@code hidden}. */
  public final double[] b;

  /** Gradient of the bias; overwritten by {@link #backward}. */
  public final double[] db;

  private double[] x;
  private double[] h0;
  private double[] hs = new double[0];
  private int steps;
  private int n;

  /**
   * Creates a layer with LeCun-normal weights and zero bias.
   *
   * @param inputs input features per step
   * @param hidden state size
   * @param random the source of the initial weights
   */
  public Rnn(int inputs, int hidden, Random random) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.wx = Init.lecun(new double[inputs * hidden], inputs, random);
    this.dwx = new double[wx.length];
    this.wh = Init.lecun(new double[hidden * hidden], hidden, random);
    this.dwh = new double[wh.length];
    this.b = new double[hidden];
    this.db = new double[hidden];
  }

  /**
   * Runs the sequence.
   *
   * @param x input, {@code steps x n x inputs}; kept for the backward
   * @param h0 initial state, {@code n x hidden}; kept for the backward
   * @return every step's state, {@code steps x n x hidden}; reused by the next forward of the same
   *     size
   */
  public double[] forward(double[] x, double[] h0) {
    n = Shapes.rows(h0, hidden, "initial state");
    steps = Shapes.rows(x, n * inputs, "input");
    this.x = x;
    this.h0 = h0;
    int stride = n * hidden;
    if (hs.length != steps * stride) {
      hs = new double[steps * stride];
    }
    for (int t = 0; t < steps; t++) {
      int ht = t * stride;
      for (int r = 0; r < n; r++) {
        System.arraycopy(b, 0, hs, ht + r * hidden, hidden);
      }
      MatMul.ab(x, t * n * inputs, wx, 0, hs, ht, n, inputs, hidden);
      double[] previous = t == 0 ? h0 : hs;
      MatMul.ab(previous, t == 0 ? 0 : ht - stride, wh, 0, hs, ht, n, hidden, hidden);
      for (int i = ht; i < ht + stride; i++) {
        hs[i] = Math.tanh(hs[i]);
      }
    }
    return hs;
  }

  /**
   * Backpropagates through time: the gradient of every step's state, from {@code dy} and from the
   * next step, goes through the tanh into the weights, the input and the previous state.
   *
   * @param dy gradient of every step's state, {@code steps x n x hidden}
   * @param dx filled with the gradient of the input, {@code steps x n x inputs}
   * @param dh0 filled with the gradient of the initial state, {@code n x hidden}
   */
  public void backward(double[] dy, double[] dx, double[] dh0) {
    int stride = n * hidden;
    Shapes.requireLength(dy, steps * stride, "dy");
    Shapes.requireLength(dx, x.length, "dx");
    Shapes.requireLength(dh0, stride, "dh0");
    Arrays.fill(dwx, 0);
    Arrays.fill(dwh, 0);
    Arrays.fill(db, 0);
    Arrays.fill(dx, 0);
    double[] dh = new double[stride];
    double[] da = new double[stride];
    for (int t = steps - 1; t >= 0; t--) {
      int ht = t * stride;
      for (int i = 0; i < stride; i++) {
        double h = hs[ht + i];
        da[i] = (dy[ht + i] + dh[i]) * (1 - h * h);
        db[i % hidden] += da[i];
      }
      int xt = t * n * inputs;
      MatMul.atb(x, xt, da, 0, dwx, 0, n, inputs, hidden);
      MatMul.abt(da, 0, wx, 0, dx, xt, n, hidden, inputs);
      double[] previous = t == 0 ? h0 : hs;
      MatMul.atb(previous, t == 0 ? 0 : ht - stride, da, 0, dwh, 0, n, hidden, hidden);
      Arrays.fill(dh, 0);
      MatMul.abt(da, 0, wh, 0, dh, 0, n, hidden, hidden);
    }
    System.arraycopy(dh, 0, dh0, 0, stride);
  }
}
