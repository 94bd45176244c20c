package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One step of an LSTM cell, input 3 and hidden 4, with the output {@code [h', c']}: a vector output
 * checked through a vector-Jacobian backward in the stacked gate weights and biases, the input and
 * the previous hidden and cell states.
 *
 * <p>Planted bugs: {@code dc_prev} without the forget gate; {@code tanh'(c')} taken as {@code 1 -
 * tanh(c')}; the upstream {@code dc'} ignored; the output gate's gradient from {@code tanh(c_prev)}
 * instead of {@code tanh(c')}; {@code dh_prev} reading the weight matrix one column to the left.
 */
final class LstmCell extends RealisticLayer {

  private static final int DC_WITHOUT_FORGET = 1;
  private static final int WRONG_TANH_DERIVATIVE = 2;
  private static final int UPSTREAM_DC_IGNORED = 3;
  private static final int OUTPUT_GATE_OLD_CELL = 4;
  private static final int DH_COLUMN_SHIFTED = 5;

  private static final int D = 3;
  private static final int H = 4;
  private static final int Z = D + H;

  @Override
  String name() {
    return "lstm";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct",
        "dc_prev misses forget gate",
        "tanh'(c') as 1-tanh(c')",
        "upstream dc' ignored",
        "do uses tanh(c_prev)",
        "dh_prev reads W column shifted");
  }

  /** The four gates' pre-activations of hidden unit {@code j}. */
  private static double[] gates(double[] w, double[] b, double[] x, double[] h, int j) {
    double[] z = new double[4];
    for (int q = 0; q < 4; q++) {
      int row = q * H + j;
      double s = b[row];
      for (int k = 0; k < D; k++) {
        s += w[row * Z + k] * x[k];
      }
      for (int k = 0; k < H; k++) {
        s += w[row * Z + D + k] * h[k];
      }
      z[q] = s;
    }
    return z;
  }

  static double[] forward(double[] w, double[] b, double[] x, double[] h, double[] c) {
    double[] out = new double[2 * H];
    for (int j = 0; j < H; j++) {
      double[] z = gates(w, b, x, h, j);
      double i = Draw.sigmoid(z[0]);
      double f = Draw.sigmoid(z[1]);
      double g = Math.tanh(z[2]);
      double o = Draw.sigmoid(z[3]);
      double cn = f * c[j] + i * g;
      out[H + j] = cn;
      out[j] = o * Math.tanh(cn);
    }
    return out;
  }

  static void backward(
      int v,
      double[] w,
      double[] b,
      double[] x,
      double[] h,
      double[] c,
      double[] dy,
      double[] dw,
      double[] db,
      double[] dx,
      double[] dh,
      double[] dc) {
    Arrays.fill(dx, 0);
    Arrays.fill(dh, 0);
    for (int j = 0; j < H; j++) {
      double[] z = gates(w, b, x, h, j);
      double i = Draw.sigmoid(z[0]);
      double f = Draw.sigmoid(z[1]);
      double g = Math.tanh(z[2]);
      double o = Draw.sigmoid(z[3]);
      double cn = f * c[j] + i * g;
      double tc = Math.tanh(cn);
      double dhn = dy[j];
      double dcn =
          (v == UPSTREAM_DC_IGNORED ? 0 : dy[H + j])
              + dhn * o * (v == WRONG_TANH_DERIVATIVE ? 1 - tc : 1 - tc * tc);
      double dO = dhn * (v == OUTPUT_GATE_OLD_CELL ? Math.tanh(c[j]) : tc);
      double dI = dcn * g;
      double dG = dcn * i;
      double dF = dcn * c[j];
      dc[j] = v == DC_WITHOUT_FORGET ? dcn : dcn * f;
      double[] dz = {dI * i * (1 - i), dF * f * (1 - f), dG * (1 - g * g), dO * o * (1 - o)};
      for (int q = 0; q < 4; q++) {
        int row = q * H + j;
        db[row] = dz[q];
        for (int k = 0; k < D; k++) {
          dw[row * Z + k] = dz[q] * x[k];
          dx[k] += dz[q] * w[row * Z + k];
        }
        for (int k = 0; k < H; k++) {
          dw[row * Z + D + k] = dz[q] * h[k];
          dh[k] += dz[q] * w[row * Z + (v == DH_COLUMN_SHIFTED ? D + k - 1 : D + k)];
        }
      }
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double[] w = Draw.gauss(r, 4 * H * Z, 0.5);
    double[] b = Draw.gauss(r, 4 * H, 0.5);
    double[] x = Draw.gauss(r, D, 1);
    double[] h = Draw.gauss(r, H, 0.5);
    double[] c = Draw.gauss(r, H, 1);
    double[] dw = new double[4 * H * Z];
    double[] db = new double[4 * H];
    double[] dx = new double[D];
    double[] dh = new double[H];
    double[] dc = new double[H];
    return GradientCheck.create()
        .seed(seed)
        .param("W", w, dw, 4 * H, Z)
        .param("b", b, db)
        .param("x", x, dx)
        .param("h", h, dh)
        .param("c", c, dc)
        .output(() -> forward(w, b, x, h, c))
        .backward(
            dy -> {
              double[] cw = new double[4 * H * Z];
              double[] cb = new double[4 * H];
              double[] cx = new double[D];
              double[] ch = new double[H];
              double[] cc = new double[H];
              backward(0, w, b, x, h, c, dy, cw, cb, cx, ch, cc);
              backward(v, w, b, x, h, c, dy, dw, db, dx, dh, dc);
              if (size.first()) {
                size.compare(cw, dw);
                size.compare(cb, db);
                size.compare(cx, dx);
                size.compare(ch, dh);
                size.compare(cc, dc);
              }
            })
        .run();
  }
}
