package dev.gradcheck.samples.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Trains a small perceptron ({@code Dense -> Tanh -> Dense}, mean squared error) on a fixed smooth
 * regression problem with each optimiser and checks that the loss falls by an order of magnitude:
 * the in-place {@code step} methods are not differentiable in any useful sense, so this is how they
 * are tested.
 */
class TrainingTests {

  private static final int SAMPLES = 32;
  private static final int STEPS = 400;

  @Test
  void sgdWithMomentumTrains() {
    Dense first = new Dense(2, 8, new Random(1));
    Dense second = new Dense(8, 1, new Random(2));
    Sgd[] optimisers = {
      new Sgd(first.w.length, 0.05, 0.9),
      new Sgd(first.b.length, 0.05, 0.9),
      new Sgd(second.w.length, 0.05, 0.9),
      new Sgd(second.b.length, 0.05, 0.9)
    };
    assertTrains(
        first,
        second,
        (w, g) -> {
          for (int i = 0; i < w.length; i++) {
            optimisers[i].step(w[i], g[i]);
          }
        });
  }

  @Test
  void adamTrains() {
    Dense first = new Dense(2, 8, new Random(1));
    Dense second = new Dense(8, 1, new Random(2));
    Adam[] optimisers = {
      new Adam(first.w.length, 0.02, 0.9, 0.999, 1e-8),
      new Adam(first.b.length, 0.02, 0.9, 0.999, 1e-8),
      new Adam(second.w.length, 0.02, 0.9, 0.999, 1e-8),
      new Adam(second.b.length, 0.02, 0.9, 0.999, 1e-8)
    };
    assertTrains(
        first,
        second,
        (w, g) -> {
          for (int i = 0; i < w.length; i++) {
            optimisers[i].step(w[i], g[i]);
          }
        });
    assertThat(optimisers[0].steps()).isEqualTo(STEPS);
  }

  private static void assertTrains(
      Dense first, Dense second, BiConsumer<double[][], double[][]> update) {
    Random random = new Random(3);
    double[] x = new double[SAMPLES * 2];
    double[] y = new double[SAMPLES];
    for (int s = 0; s < SAMPLES; s++) {
      x[2 * s] = 2 * random.nextDouble() - 1;
      x[2 * s + 1] = 2 * random.nextDouble() - 1;
      y[s] = Math.sin(2 * x[2 * s]) + x[2 * s] * x[2 * s + 1];
    }
    Tanh tanh = new Tanh();
    MeanSquaredError mse = new MeanSquaredError();
    double[] dprediction = new double[SAMPLES];
    double[] dtarget = new double[SAMPLES];
    double[] dhidden = new double[SAMPLES * 8];
    double[] dactivation = new double[SAMPLES * 8];
    double[] dx = new double[x.length];
    double[][] parameters = {first.w, first.b, second.w, second.b};
    double[][] gradients = {first.dw, first.db, second.dw, second.db};
    double initial = Double.NaN;
    double loss = Double.NaN;
    for (int step = 0; step <= STEPS; step++) {
      loss = mse.forward(second.forward(tanh.forward(first.forward(x))), y);
      if (step == 0) {
        initial = loss;
      }
      if (step == STEPS) {
        break;
      }
      mse.backward(dprediction, dtarget);
      second.backward(dprediction, dactivation);
      tanh.backward(dactivation, dhidden);
      first.backward(dhidden, dx);
      update.accept(parameters, gradients);
    }
    assertThat(loss).isLessThan(initial / 10);
  }
}
