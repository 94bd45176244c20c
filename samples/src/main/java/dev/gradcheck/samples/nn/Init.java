package dev.gradcheck.samples.nn;

import java.util.Random;

/** Weight initialisation shared by the layers. */
final class Init {

  private Init() {}

  /** Fills {@code w} with normal values of variance {@code 1 / fanIn} (LeCun initialisation). */
  static double[] lecun(double[] w, int fanIn, Random random) {
    double scale = 1 / Math.sqrt(fanIn);
    for (int i = 0; i < w.length; i++) {
      w[i] = scale * random.nextGaussian();
    }
    return w;
  }

  /** Float version of {@link #lecun(double[], int, Random)}. */
  static float[] lecun(float[] w, int fanIn, Random random) {
    double scale = 1 / Math.sqrt(fanIn);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (scale * random.nextGaussian());
    }
    return w;
  }
}
