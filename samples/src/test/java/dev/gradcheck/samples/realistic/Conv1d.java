package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A 1-d convolution of 2 input channels of length 9 into 3 output channels, kernel 3, stride 2,
 * padding 1; a vector output checked through a vector-Jacobian backward in the weights, biases and
 * input.
 *
 * <p>Planted bugs: {@code dx} written one position off, inside the padding's bounds; {@code dW}'s
 * kernel flipped; {@code dW} accumulated as if the stride were 1; the last output position dropped
 * from the whole backward.
 */
final class Conv1d extends RealisticLayer {

  private static final int DX_OFF_BY_ONE = 1;
  private static final int DW_FLIPPED = 2;
  private static final int DW_IGNORES_STRIDE = 3;
  private static final int LAST_POSITION_DROPPED = 4;

  private static final int CI = 2;
  private static final int L = 9;
  private static final int CO = 3;
  private static final int K = 3;
  private static final int S = 2;
  private static final int P = 1;
  private static final int LO = (L + 2 * P - K) / S + 1;

  @Override
  String name() {
    return "conv1d";
  }

  @Override
  List<String> variants() {
    return List.of(
        "correct",
        "dx padding index off by one",
        "dW kernel flipped",
        "dW ignores stride",
        "backward drops last output position");
  }

  static double[] forward(double[] x, double[] w, double[] b) {
    double[] y = new double[CO * LO];
    for (int o = 0; o < CO; o++) {
      for (int t = 0; t < LO; t++) {
        double s = b[o];
        for (int c = 0; c < CI; c++) {
          for (int k = 0; k < K; k++) {
            int i = t * S + k - P;
            if (i >= 0 && i < L) {
              s += w[(o * CI + c) * K + k] * x[c * L + i];
            }
          }
        }
        y[o * LO + t] = s;
      }
    }
    return y;
  }

  static void backward(
      int v, double[] x, double[] w, double[] dy, double[] dx, double[] dw, double[] db) {
    Arrays.fill(dx, 0);
    Arrays.fill(dw, 0);
    Arrays.fill(db, 0);
    int lo = v == LAST_POSITION_DROPPED ? LO - 1 : LO;
    for (int o = 0; o < CO; o++) {
      for (int t = 0; t < lo; t++) {
        double g = dy[o * LO + t];
        db[o] += g;
        for (int c = 0; c < CI; c++) {
          for (int k = 0; k < K; k++) {
            int i = t * S + k - P;
            if (i >= 0 && i < L) {
              int kk = v == DW_FLIPPED ? K - 1 - k : k;
              dw[(o * CI + c) * K + kk] += g * x[c * L + i];
            }
            int ix = v == DX_OFF_BY_ONE ? i + 1 : i;
            if (ix >= 0 && ix < L && i >= 0 && i < L) {
              dx[c * L + ix] += g * w[(o * CI + c) * K + k];
            }
          }
        }
      }
    }
    if (v == DW_IGNORES_STRIDE) {
      Arrays.fill(dw, 0);
      for (int o = 0; o < CO; o++) {
        for (int t = 0; t < LO; t++) {
          for (int c = 0; c < CI; c++) {
            for (int k = 0; k < K; k++) {
              int i = t + k - P;
              if (i >= 0 && i < L) {
                dw[(o * CI + c) * K + k] += dy[o * LO + t] * x[c * L + i];
              }
            }
          }
        }
      }
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double[] x = Draw.gauss(r, CI * L, 1);
    double[] w = Draw.gauss(r, CO * CI * K, 0.5);
    double[] b = Draw.gauss(r, CO, 0.5);
    double[] dx = new double[CI * L];
    double[] dw = new double[CO * CI * K];
    double[] db = new double[CO];
    return GradientCheck.create()
        .seed(seed)
        .param("W", w, dw)
        .param("b", b, db)
        .param("x", x, dx, CI, L)
        .output(() -> forward(x, w, b))
        .backward(
            dy -> {
              double[] cx = new double[CI * L];
              double[] cw = new double[CO * CI * K];
              double[] cb = new double[CO];
              backward(0, x, w, dy, cx, cw, cb);
              backward(v, x, w, dy, dx, dw, db);
              if (size.first()) {
                size.compare(cx, dx);
                size.compare(cw, dw);
                size.compare(cb, db);
              }
            })
        .run();
  }
}
