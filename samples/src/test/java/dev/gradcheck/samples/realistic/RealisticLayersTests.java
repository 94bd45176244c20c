package dev.gradcheck.samples.realistic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Hand-written layers with bugs planted in their backward, from a red-team of gradcheck, kept as a
 * regression suite of verdicts: each layer's correct backward and each buggy one are checked at 100
 * seeds, {@code 1000 (variant + 1) + i}, and each bug's real size at the point is measured against
 * the correct gradient ({@link BugSize}).
 *
 * <p>Asserted: the correct backward raises no false alarm (outcome {@code FAILED} or {@code
 * CONTRACT_BROKEN}, or a failed entry), and no bug that is genuine at the point (see {@link
 * BugSize#isGenuine}) passes; other outcomes ({@code INCOMPLETE}, {@code INCONCLUSIVE}) are
 * printed, not asserted. No known false alarm or miss shows within these seeds. The seed count
 * keeps the class to about 10 seconds.
 */
class RealisticLayersTests {

  private static final int SEEDS = 100;
  private static final long SEED_BASE = 0;

  static final List<RealisticLayer> LAYERS =
      List.of(
          new SoftmaxCrossEntropy(),
          new SoftmaxCrossEntropyFloat(),
          new LogSumExp(),
          new LayerNorm(),
          new BatchNorm(),
          new Huber(),
          new GaussianNll(),
          new Softplus(),
          new Mlp(Mlp.Activation.TANH),
          new Mlp(Mlp.Activation.RELU),
          new Mlp(Mlp.Activation.GELU),
          new MlpFloat(true),
          new MlpFloat(false),
          new Conv1d(),
          new LstmCell(),
          new Attention(),
          new OffsetLeastSquares(),
          new Arrhenius(),
          new LogisticHessian(),
          new LayerNormFloat());

  @ParameterizedTest(name = "{0}")
  @FieldSource("LAYERS")
  void verdictsOverSeeds(RealisticLayer layer) {
    List<VerdictTally> tallies = new ArrayList<>();
    for (int v = 0; v < layer.variants().size(); v++) {
      VerdictTally tally = VerdictTally.of(layer, v, SEEDS, SEED_BASE);
      System.out.println(tally);
      tallies.add(tally);
    }
    for (VerdictTally tally : tallies) {
      if (tally.isCorrect()) {
        // Float layer norm with a spread of 0.01 (seed 1028) failed one entry until the noise
        // probe looked closer at a noise far above rounding that was the smooth part. The known
        // open false alarms do not show within these seeds: float ReLU MLP near a kink (seed 1128)
        // and float softmax with large logits (only INCOMPLETE here, printed, not asserted).
        assertThat(tally.falseAlarms()).as("false alarms on correct code: %s", tally).isZero();
      } else {
        // No known open miss shows within these seeds: the double softmax "missing 1/B" on a batch
        // whose gradient is 1e-25 and whose loss is exactly 0, where nothing is measurable, is at
        // seed 2264, beyond them. Measured at 100 seeds: 0 misses in every layer.
        assertThat(tally.missed()).as("genuine bugs missed: %s", tally).isZero();
      }
    }
  }
}
