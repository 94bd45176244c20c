package dev.gradcheck.samples.demo;

import dev.gradcheck.samples.nn.Adam;
import dev.gradcheck.samples.nn.Dense;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-batch Adam training of an {@link Mlp}, recording the loss.
 *
 * @param losses the loss before each step, then after the last
 * @param finalLoss the loss after training
 * @param accuracy the training accuracy after training
 */
public record Training(double[] losses, double finalLoss, double accuracy) {

  /**
   * Trains a network.
   *
   * @param mlp the network, trained in place
   * @param data the training set
   * @param steps how many Adam steps
   * @param learningRate Adam's step size
   * @return the record of the training
   */
  public static Training run(Mlp mlp, TwoSpirals data, int steps, double learningRate) {
    List<Adam> optimisers = new ArrayList<>();
    for (Dense layer : mlp.layers()) {
      optimisers.add(new Adam(layer.w.length, learningRate, 0.9, 0.999, 1e-8));
      optimisers.add(new Adam(layer.b.length, learningRate, 0.9, 0.999, 1e-8));
    }
    double[] losses = new double[steps + 1];
    for (int s = 0; s < steps; s++) {
      losses[s] = mlp.loss(data.x(), data.labels());
      if (!Double.isFinite(losses[s])) {
        java.util.Arrays.fill(losses, s, steps + 1, Double.NaN);
        return new Training(losses, Double.NaN, mlp.accuracy(data.x(), data.labels()));
      }
      mlp.backward();
      int o = 0;
      for (Dense layer : mlp.layers()) {
        optimisers.get(o++).step(layer.w, layer.dw);
        optimisers.get(o++).step(layer.b, layer.db);
      }
    }
    losses[steps] = mlp.loss(data.x(), data.labels());
    return new Training(losses, losses[steps], mlp.accuracy(data.x(), data.labels()));
  }
}
