package dev.gradcheck.junit;

import java.util.Random;

/** A small dense layer {@code y = x W^T + b} with a hand-written backward, for fixtures. */
final class Dense {

  final double[][] w;
  final double[] b;
  final double[][] dw;
  final double[] db;
  double[][] dx;
  private double[][] x;

  Dense(int in, int out, Random random) {
    w = new double[out][in];
    b = new double[out];
    dw = new double[out][in];
    db = new double[out];
    for (int o = 0; o < out; o++) {
      b[o] = random.nextGaussian();
      for (int i = 0; i < in; i++) {
        w[o][i] = random.nextGaussian();
      }
    }
  }

  double[][] forward(double[][] input) {
    x = input;
    dx = new double[input.length][input[0].length];
    double[][] y = new double[input.length][b.length];
    for (int n = 0; n < input.length; n++) {
      for (int o = 0; o < b.length; o++) {
        double s = b[o];
        for (int i = 0; i < w[o].length; i++) {
          s += w[o][i] * input[n][i];
        }
        y[n][o] = s;
      }
    }
    return y;
  }

  void backward(double[][] dy, double[][] dxOut) {
    for (int o = 0; o < b.length; o++) {
      db[o] = 0;
      java.util.Arrays.fill(dw[o], 0);
    }
    for (int n = 0; n < x.length; n++) {
      java.util.Arrays.fill(dxOut[n], 0);
      for (int o = 0; o < b.length; o++) {
        db[o] += dy[n][o];
        for (int i = 0; i < w[o].length; i++) {
          dw[o][i] += dy[n][o] * x[n][i];
          dxOut[n][i] += dy[n][o] * w[o][i];
        }
      }
    }
  }
}
