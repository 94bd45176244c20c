package dev.gradcheck.samples.zoo;

import java.util.Arrays;
import java.util.Random;

/** An LSTM whose forget-gate bias gradient indexes {@code hidden * j} for {@code hidden + j}. */
public final class LstmForgetBiasGradientTypo {

  /** Input features per step. */
  public final int inputs;

  /** State size. */
  public final int hidden;

  /** Input weights, {@code inputs x 4·hidden}. */
  public final double[] wx;

  /** Gradient of the input weights; overwritten by {@link #backward}. */
  public final double[] dwx;

  /** Recurrent weights, {@code hidden x 4·hidden}. */
  public final double[] wh;

  /** Gradient of the recurrent weights; overwritten by {@link #backward}. */
  public final double[] dwh;

  /** Bias, {@code 4·hidden}. */
  public final double[] b;

  /** Gradient of the bias; overwritten by {@link #backward}. */
  public final double[] db;

  private double[] x;
  private double[] h0;
  private double[] c0;
  private double[] gates = new double[0];
  private double[] cs = new double[0];
  private double[] tanhCs = new double[0];
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
  public LstmForgetBiasGradientTypo(int inputs, int hidden, Random random) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.wx = lecun(new double[inputs * 4 * hidden], inputs, random);
    this.dwx = new double[wx.length];
    this.wh = lecun(new double[hidden * 4 * hidden], hidden, random);
    this.dwh = new double[wh.length];
    this.b = new double[4 * hidden];
    this.db = new double[b.length];
  }

  /**
   * Runs the sequence.
   *
   * @param x input, {@code steps x n x inputs}; kept for the backward
   * @param h0 initial hidden state, {@code n x hidden}; kept for the backward
   * @param c0 initial cell state, {@code n x hidden}; kept for the backward
   * @return every step's hidden state, {@code steps x n x hidden}; reused by the next forward of
   *     the same size
   */
  public double[] forward(double[] x, double[] h0, double[] c0) {
    n = h0.length / hidden;
    steps = x.length / (n * inputs);
    this.x = x;
    this.h0 = h0;
    this.c0 = c0;
    int stride = n * hidden;
    int width = 4 * hidden;
    if (hs.length != steps * stride) {
      hs = new double[steps * stride];
      cs = new double[steps * stride];
      tanhCs = new double[steps * stride];
      gates = new double[steps * n * width];
    }
    for (int t = 0; t < steps; t++) {
      int at = t * n * width;
      for (int r = 0; r < n; r++) {
        System.arraycopy(b, 0, gates, at + r * width, width);
      }
      ab(x, t * n * inputs, wx, 0, gates, at, n, inputs, width);
      double[] hPrevious = t == 0 ? h0 : hs;
      double[] cPrevious = t == 0 ? c0 : cs;
      int previous = t == 0 ? 0 : (t - 1) * stride;
      ab(hPrevious, previous, wh, 0, gates, at, n, hidden, width);
      for (int r = 0; r < n; r++) {
        int a = at + r * width;
        for (int j = 0; j < hidden; j++) {
          double i = sigmoid(gates[a + j]);
          double f = sigmoid(gates[a + hidden + j]);
          double g = Math.tanh(gates[a + 2 * hidden + j]);
          double o = sigmoid(gates[a + 3 * hidden + j]);
          gates[a + j] = i;
          gates[a + hidden + j] = f;
          gates[a + 2 * hidden + j] = g;
          gates[a + 3 * hidden + j] = o;
          int s = t * stride + r * hidden + j;
          cs[s] = f * cPrevious[previous + r * hidden + j] + i * g;
          tanhCs[s] = Math.tanh(cs[s]);
          hs[s] = o * tanhCs[s];
        }
      }
    }
    return hs;
  }

  /**
   * Backpropagates through time: the gradients of {@code h} and {@code c} flow back step by step
   * through the gates into the weights, the input and the initial states.
   *
   * @param dy gradient of every step's hidden state, {@code steps x n x hidden}
   * @param dx filled with the gradient of the input, {@code steps x n x inputs}
   * @param dh0 filled with the gradient of the initial hidden state, {@code n x hidden}
   * @param dc0 filled with the gradient of the initial cell state, {@code n x hidden}
   */
  public void backward(double[] dy, double[] dx, double[] dh0, double[] dc0) {
    int stride = n * hidden;
    int width = 4 * hidden;
    Arrays.fill(dwx, 0);
    Arrays.fill(dwh, 0);
    Arrays.fill(db, 0);
    Arrays.fill(dx, 0);
    double[] dh = new double[stride];
    double[] dc = new double[stride];
    double[] da = new double[n * width];
    for (int t = steps - 1; t >= 0; t--) {
      int at = t * n * width;
      double[] cPrevious = t == 0 ? c0 : cs;
      int previous = t == 0 ? 0 : (t - 1) * stride;
      for (int r = 0; r < n; r++) {
        int a = at + r * width;
        for (int j = 0; j < hidden; j++) {
          int s = t * stride + r * hidden + j;
          int k = r * hidden + j;
          double i = gates[a + j];
          double f = gates[a + hidden + j];
          double g = gates[a + 2 * hidden + j];
          double o = gates[a + 3 * hidden + j];
          double dhs = dy[s] + dh[k];
          double dcs = dc[k] + dhs * o * (1 - tanhCs[s] * tanhCs[s]);
          int d = r * width + j;
          da[d] = dcs * g * i * (1 - i);
          da[d + hidden] = dcs * cPrevious[previous + k] * f * (1 - f);
          da[d + 2 * hidden] = dcs * i * (1 - g * g);
          da[d + 3 * hidden] = dhs * tanhCs[s] * o * (1 - o);
          dc[k] = dcs * f;
        }
      }
      for (int r = 0; r < n; r++) {
        int d = r * width;
        for (int j = 0; j < hidden; j++) {
          db[j] += da[d + j];
          db[hidden + j] += da[d + hidden * j]; // the bug: hidden * j, not hidden + j
          db[2 * hidden + j] += da[d + 2 * hidden + j];
          db[3 * hidden + j] += da[d + 3 * hidden + j];
        }
      }
      int xt = t * n * inputs;
      atb(x, xt, da, 0, dwx, 0, n, inputs, width);
      abt(da, 0, wx, 0, dx, xt, n, width, inputs);
      double[] hPrevious = t == 0 ? h0 : hs;
      atb(hPrevious, previous, da, 0, dwh, 0, n, hidden, width);
      Arrays.fill(dh, 0);
      abt(da, 0, wh, 0, dh, 0, n, width, hidden);
    }
    System.arraycopy(dh, 0, dh0, 0, stride);
    System.arraycopy(dc, 0, dc0, 0, stride);
  }

  private static double sigmoid(double a) {
    if (a >= 0) {
      return 1 / (1 + Math.exp(-a));
    }
    double e = Math.exp(a);
    return e / (1 + e);
  }

  private static double[] lecun(double[] w, int fanIn, Random random) {
    double scale = 1 / Math.sqrt(fanIn);
    for (int i = 0; i < w.length; i++) {
      w[i] = scale * random.nextGaussian();
    }
    return w;
  }

  /** {@code c[n x m] += a[n x k] · b[k x m]}. */
  private static void ab(
      double[] a, int ao, double[] b, int bo, double[] c, int co, int n, int k, int m) {
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
  private static void atb(
      double[] a, int ao, double[] b, int bo, double[] c, int co, int n, int k, int m) {
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
  private static void abt(
      double[] a, int ao, double[] b, int bo, double[] c, int co, int n, int m, int k) {
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
