package dev.gradcheck.samples.nn;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;

/** Checks {@link Embedding}'s table; token ids are integers and have no gradient. */
class EmbeddingTests {

  /** Six ids from a vocabulary of five: some tokens repeat, so their gradients add up. */
  @GradCheck(points = 3)
  void embedding(GradientCheck check) {
    Embedding layer = new Embedding(5, 3, check.random());
    int[] ids = check.arrays().integers(5, 6);
    check
        .param("table", layer.table, layer.dtable)
        .output(() -> layer.forward(ids))
        .backward(dy -> layer.backward(dy));
  }
}
