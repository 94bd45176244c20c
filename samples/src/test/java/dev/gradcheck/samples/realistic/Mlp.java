package dev.gradcheck.samples.realistic;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.math3.special.Erf;

/**
 * A two-layer perceptron 4 → 4 → 2 with a tanh, ReLU or exact GELU hidden layer, mean squared error
 * over a batch of 3 plus weight decay 1e-4 on both weight matrices, in {@code double}; the gradient
 * in every weight, bias and input.
 *
 * <p>Planted bugs: the MSE's factor 2 left out; {@code dW1} accumulated transposed; {@code db1}
 * from the first sample only; a wrong activation derivative ({@code 1 - a^2} of the pre-activation
 * for tanh, leaky slope 0.01 below zero for ReLU, the tanh approximation's derivative for GELU);
 * the weight decay's gradient left out on {@code W2}.
 */
final class Mlp extends RealisticLayer {

  /** The hidden layer's activation. */
  enum Activation {
    TANH,
    RELU,
    GELU
  }

  private static final int MISSING_FACTOR_TWO = 1;
  private static final int DW1_TRANSPOSED = 2;
  private static final int DB1_FIRST_SAMPLE = 3;
  private static final int WRONG_DERIVATIVE = 4;
  private static final int MISSING_DECAY_W2 = 5;

  private static final int B = 3;
  private static final int D = 4;
  private static final int H = 4;
  private static final int O = 2;
  private static final double LAM = 1e-4;

  private final Activation act;

  Mlp(Activation act) {
    this.act = act;
  }

  @Override
  String name() {
    return "mlp-" + act.name().toLowerCase(Locale.ROOT);
  }

  @Override
  List<String> variants() {
    String wrongDerivative =
        switch (act) {
          case TANH -> "tanh' as 1-a^2 (pre-act)";
          case RELU -> "leaky 0.01 derivative";
          case GELU -> "tanh-approx GELU derivative";
        };
    return List.of(
        "correct",
        "missing factor 2 in MSE",
        "dW1 transposed",
        "db1 from first sample only",
        wrongDerivative,
        "weight decay missing on W2");
  }

  private double f(double a) {
    return switch (act) {
      case TANH -> Math.tanh(a);
      case RELU -> Math.max(a, 0);
      case GELU -> a * 0.5 * (1 + Erf.erf(a / Math.sqrt(2)));
    };
  }

  private double fp(int v, double a) {
    return switch (act) {
      case TANH -> {
        double t = Math.tanh(a);
        yield v == WRONG_DERIVATIVE ? 1 - a * a : 1 - t * t;
      }
      case RELU -> a > 0 ? 1 : (v == WRONG_DERIVATIVE ? 0.01 : 0);
      case GELU -> {
        if (v == WRONG_DERIVATIVE) {
          double k = Math.sqrt(2 / Math.PI);
          double u = k * (a + 0.044715 * a * a * a);
          double t = Math.tanh(u);
          yield 0.5 * (1 + t) + 0.5 * a * (1 - t * t) * k * (1 + 3 * 0.044715 * a * a);
        }
        yield 0.5 * (1 + Erf.erf(a / Math.sqrt(2)))
            + a * Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
      }
    };
  }

  private double loss(double[] x, double[] w1, double[] b1, double[] w2, double[] b2, double[] t) {
    double l = 0;
    for (int b = 0; b < B; b++) {
      double[] h = new double[H];
      for (int j = 0; j < H; j++) {
        double a = b1[j];
        for (int k = 0; k < D; k++) {
          a += w1[j * D + k] * x[b * D + k];
        }
        h[j] = f(a);
      }
      for (int o = 0; o < O; o++) {
        double z = b2[o];
        for (int j = 0; j < H; j++) {
          z += w2[o * H + j] * h[j];
        }
        double e = z - t[b * O + o];
        l += e * e;
      }
    }
    l /= B * O;
    double r = 0;
    for (double w : w1) {
      r += w * w;
    }
    for (double w : w2) {
      r += w * w;
    }
    return l + LAM * r;
  }

  private void grad(
      int v,
      double[] x,
      double[] w1,
      double[] b1,
      double[] w2,
      double[] b2,
      double[] t,
      double[] dx,
      double[] dw1,
      double[] db1,
      double[] dw2,
      double[] db2) {
    Arrays.fill(dw1, 0);
    Arrays.fill(db1, 0);
    Arrays.fill(dw2, 0);
    Arrays.fill(db2, 0);
    for (int b = 0; b < B; b++) {
      double[] a = new double[H];
      double[] h = new double[H];
      for (int j = 0; j < H; j++) {
        a[j] = b1[j];
        for (int k = 0; k < D; k++) {
          a[j] += w1[j * D + k] * x[b * D + k];
        }
        h[j] = f(a[j]);
      }
      double[] dz = new double[O];
      for (int o = 0; o < O; o++) {
        double z = b2[o];
        for (int j = 0; j < H; j++) {
          z += w2[o * H + j] * h[j];
        }
        dz[o] = (v == MISSING_FACTOR_TWO ? 1 : 2) * (z - t[b * O + o]) / (B * O);
      }
      double[] da = new double[H];
      for (int o = 0; o < O; o++) {
        db2[o] += dz[o];
        for (int j = 0; j < H; j++) {
          dw2[o * H + j] += dz[o] * h[j];
        }
      }
      for (int j = 0; j < H; j++) {
        double dh = 0;
        for (int o = 0; o < O; o++) {
          dh += dz[o] * w2[o * H + j];
        }
        da[j] = dh * fp(v, a[j]);
      }
      for (int j = 0; j < H; j++) {
        if (!(v == DB1_FIRST_SAMPLE && b > 0)) {
          db1[j] += da[j];
        }
        for (int k = 0; k < D; k++) {
          if (v == DW1_TRANSPOSED) {
            dw1[k * D + j] += da[j] * x[b * D + k];
          } else {
            dw1[j * D + k] += da[j] * x[b * D + k];
          }
        }
      }
      for (int k = 0; k < D; k++) {
        double s = 0;
        for (int j = 0; j < H; j++) {
          s += da[j] * w1[j * D + k];
        }
        dx[b * D + k] = s;
      }
    }
    for (int i = 0; i < w1.length; i++) {
      dw1[i] += 2 * LAM * w1[i];
    }
    if (v != MISSING_DECAY_W2) {
      for (int i = 0; i < w2.length; i++) {
        dw2[i] += 2 * LAM * w2[i];
      }
    }
  }

  @Override
  CheckResult run(int v, long seed, BugSize size) {
    Random r = new Random(seed);
    double[] x = Draw.gauss(r, B * D, 1);
    double[] w1 = Draw.gauss(r, H * D, 0.7);
    double[] b1 = Draw.gauss(r, H, 0.3);
    double[] w2 = Draw.gauss(r, O * H, 0.7);
    double[] b2 = Draw.gauss(r, O, 0.3);
    double[] t = Draw.gauss(r, B * O, 1);
    double[] dx = new double[B * D];
    double[] dw1 = new double[H * D];
    double[] db1 = new double[H];
    double[] dw2 = new double[O * H];
    double[] db2 = new double[O];
    return GradientCheck.create()
        .seed(seed)
        .param("W1", w1, dw1, H, D)
        .param("b1", b1, db1)
        .param("W2", w2, dw2, O, H)
        .param("b2", b2, db2)
        .param("x", x, dx, B, D)
        .loss(() -> loss(x, w1, b1, w2, b2, t))
        .backward(
            () -> {
              double[] cx = new double[B * D];
              double[] cw1 = new double[H * D];
              double[] cb1 = new double[H];
              double[] cw2 = new double[O * H];
              double[] cb2 = new double[O];
              grad(0, x, w1, b1, w2, b2, t, cx, cw1, cb1, cw2, cb2);
              grad(v, x, w1, b1, w2, b2, t, dx, dw1, db1, dw2, db2);
              if (size.first()) {
                size.compare(cx, dx);
                size.compare(cw1, dw1);
                size.compare(cb1, db1);
                size.compare(cw2, dw2);
                size.compare(cb2, db2);
              }
            })
        .run();
  }
}
