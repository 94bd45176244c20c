package dev.gradcheck.samples.demo;

import dev.gradcheck.samples.nn.Dense;
import dev.gradcheck.samples.nn.SoftmaxCrossEntropy;
import dev.gradcheck.samples.nn.Tanh;
import java.util.List;
import java.util.Random;

/**
 * A 2-16-16-2 tanh network with softmax cross-entropy and L2 weight decay, whose backward pass can
 * carry one {@link PlantedBug}.
 */
public final class Mlp {

  /** Weight decay: the loss adds {@code DECAY · Σ w²} over all weights. */
  static final double DECAY = 1e-4;

  private static final int HIDDEN = 16;

  /** The layers, input to output. */
  final Dense first;

  final Dense second;
  final Dense third;
  private final Tanh tanh1 = new Tanh();
  private final Tanh tanh2 = new Tanh();
  private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(2);
  private final PlantedBug bug;
  private final double[] accumulated;
  private double[] logits = new double[0];

  /**
   * Creates a network with seeded weights.
   *
   * @param bug the bug its backward carries
   * @param random the source of the initial weights
   */
  public Mlp(PlantedBug bug, Random random) {
    this.bug = bug;
    this.first = new Dense(2, HIDDEN, random);
    this.second = new Dense(HIDDEN, HIDDEN, random);
    this.third = new Dense(HIDDEN, 2, random);
    this.accumulated = new double[first.w.length];
  }

  /** Returns the layers, input to output. */
  List<Dense> layers() {
    return List.of(first, second, third);
  }

  /**
   * Computes the loss of a batch: mean cross-entropy plus weight decay.
   *
   * @param x points, {@code n x 2}
   * @param labels their classes
   * @return the loss
   */
  public double loss(double[] x, int[] labels) {
    logits = third.forward(tanh2.forward(second.forward(tanh1.forward(first.forward(x)))));
    double decay = 0;
    for (Dense layer : layers()) {
      for (double w : layer.w) {
        decay += w * w;
      }
    }
    return loss.forward(logits, labels) + DECAY * decay;
  }

  /** Fills every layer's gradients for the last {@link #loss} call, bug included. */
  public void backward() {
    int n = logits.length / 2;
    double[] d = loss.backward(new double[logits.length]);
    d = third.backward(d, new double[n * HIDDEN]);
    d = tanh2.backward(d, new double[n * HIDDEN]);
    d = second.backward(d, new double[n * HIDDEN]);
    d = tanh1.backward(d, new double[n * HIDDEN]);
    first.backward(d, new double[n * 2]);
    for (Dense layer : layers()) {
      if (bug == PlantedBug.MISSING_TERM && layer == second) {
        continue;
      }
      for (int i = 0; i < layer.w.length; i++) {
        layer.dw[i] += 2 * DECAY * layer.w[i];
      }
    }
    plant();
  }

  private void plant() {
    switch (bug) {
      case SIGN_FLIP -> {
        for (int j = 0; j < second.db.length; j++) {
          second.db[j] = -second.db[j];
        }
      }
      case HALF_SCALE -> {
        for (int i = 0; i < first.dw.length; i++) {
          first.dw[i] *= 0.5;
        }
      }
      case TRANSPOSED -> {
        double[] t = second.dw.clone();
        for (int i = 0; i < HIDDEN; i++) {
          for (int j = 0; j < HIDDEN; j++) {
            second.dw[i * HIDDEN + j] = t[j * HIDDEN + i];
          }
        }
      }
      case ACCUMULATING -> {
        for (int i = 0; i < first.dw.length; i++) {
          accumulated[i] += first.dw[i];
          first.dw[i] = accumulated[i];
        }
      }
      default -> {}
    }
  }

  /**
   * Returns the fraction of points the network classifies correctly.
   *
   * @param x points, {@code n x 2}
   * @param labels their classes
   * @return the accuracy, from 0 to 1
   */
  public double accuracy(double[] x, int[] labels) {
    loss(x, labels);
    int correct = 0;
    for (int r = 0; r < labels.length; r++) {
      int predicted = logits[2 * r + 1] > logits[2 * r] ? 1 : 0;
      correct += predicted == labels[r] ? 1 : 0;
    }
    return (double) correct / labels.length;
  }
}
