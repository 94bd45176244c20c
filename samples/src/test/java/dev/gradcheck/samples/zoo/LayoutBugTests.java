package dev.gradcheck.samples.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.junit.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Bugs in where gradient entries go: a transposed product, a loop bound one short (a row, a column,
 * a channel left out), an index off by one.
 */
class LayoutBugTests {

  @Test
  void squareWeightGradientTransposed() {
    Zoo.diagnoses(
        SquareTransposedTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'w' is wrong");
          assertThat(f.likelyBugs()).hasSize(1);
          assertThat(f.likelyBug())
              .startsWith("transposed gradient")
              .contains("'w'")
              .doesNotContain("storage");
          assertThat(f.fact("worst entry")).startsWith("w[");
        });
  }

  @Test
  void nonSquareWeightGradientTransposedIntoTheSameStorage() {
    Zoo.diagnoses(
        NonSquareTransposedTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'w' is wrong");
          assertThat(f.likelyBug())
              .startsWith("transposed gradient")
              .contains("'w'")
              .contains("written into the same 4×3 storage");
          assertThat(f.fact("worst entry")).startsWith("w[");
        });
  }

  @Test
  void weightLoopOneOutputShortLeavesTheLastColumn() {
    Zoo.diagnoses(
        LastOutputSkippedTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'w' is wrong: 4 of 12 entries disagree");
          assertThat(f.likelyBug())
              .startsWith("one column wrong")
              .contains("the last column (2) of 'w' is all zero");
          assertThat(f.fact("worst entry")).matches("w\\[\\d]\\[2] .*");
        });
  }

  /** The loop over inputs feeds both dw and dx: the last row of w and last column of x. */
  @Test
  void inputLoopOneShortLeavesALastRowAndALastColumn() {
    Zoo.diagnoses(
        LastInputSkippedTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradients are wrong: 'w' 3 of 12, 'x' 2 of 8");
          assertThat(f.likelyBugs())
              .hasSize(2)
              .anySatisfy(
                  bug ->
                      assertThat(bug)
                          .startsWith("one row wrong")
                          .contains("the last row (3) of 'w' is all zero"))
              .anySatisfy(
                  bug ->
                      assertThat(bug)
                          .startsWith("one column wrong")
                          .contains("the last column (3) of 'x' is all zero"));
        });
  }

  /**
   * A conv weight is {@code out x in x kernel x kernel}: the skipped output channel is the last
   * slice along axis 0, named by its index pattern {@code w[2][:][:][:]}.
   */
  @Test
  void convWeightLoopOneOutputChannelShortLeavesTheLastChannel() {
    Zoo.diagnoses(
        ConvLastOutputChannelTestCase.class,
        f -> {
          assertThat(f.headline())
              .startsWith("gradient of 'w' is wrong: 18 of 54 entries disagree");
          assertThat(f.likelyBug())
              .startsWith("one slice wrong")
              .contains("w[2][:][:][:] (the last along axis 0) is all zero");
          assertThat(f.fact("worst entry")).startsWith("w[2][");
        });
  }

  /** Kernel rows are axis 2 of {@code out x in x kernel x kernel}: a slice along axis 2. */
  @Test
  void convWeightLoopOneKernelRowShortLeavesASliceAlongAxisTwo() {
    Zoo.diagnoses(
        ConvLastKernelRowTestCase.class,
        f -> {
          assertThat(f.headline())
              .startsWith("gradient of 'w' is wrong: 18 of 54 entries disagree");
          assertThat(f.likelyBug())
              .startsWith("one slice wrong")
              .contains("w[:][:][2][:] (the last along axis 2) is all zero");
          assertThat(f.fact("worst entry")).matches("w\\[\\d]\\[\\d]\\[2]\\[\\d] .*");
        });
  }

  /** The input is {@code n x channels x height x width}: the channel is axis 1. */
  @Test
  void convInputLoopOneChannelShortLeavesTheLastInputChannel() {
    Zoo.diagnoses(
        ConvLastInputChannelTestCase.class,
        f -> {
          assertThat(f.headline())
              .startsWith("gradient of 'x' is wrong: 32 of 64 entries disagree");
          assertThat(f.likelyBug())
              .startsWith("one slice wrong")
              .contains("x[:][1][:][:] (the last along axis 1) is all zero");
          assertThat(f.fact("worst entry")).matches("x\\[\\d]\\[1]\\[\\d]\\[\\d] .*");
        });
  }

  @Test
  void embeddingBackwardOneRowEarlyIsAShiftedIndex() {
    Zoo.diagnoses(
        EmbeddingShiftedTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'table' is wrong");
          assertThat(f.likelyBugs()).hasSize(1);
          assertThat(f.likelyBug())
              .startsWith("index shifted by +1")
              .contains("along axis 0 of 'table'");
          assertThat(f.fact("worst entry")).startsWith("table[");
        });
  }

  @Test
  void convInputGradientWithoutPaddingOffsetIsShiftedAlongTheWidth() {
    Zoo.diagnoses(
        ConvColumnShiftedTestCase.class,
        f -> {
          assertThat(f.headline()).startsWith("gradient of 'x' is wrong");
          assertThat(f.headline()).contains("w 18/18 ok").contains("b 2/2 ok");
          assertThat(f.likelyBug())
              .startsWith("index shifted by -1")
              .contains("along axis 3 of 'x'");
          assertThat(f.fact("worst entry")).startsWith("x[");
        });
  }

  // ---------------------------------------------------------------- fixtures

  static class SquareTransposedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x1A0001L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      dense(check, new DenseTransposedWeightGradient(4, 4, check.random()));
    }
  }

  static class NonSquareTransposedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x1A0002L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      dense(check, new DenseTransposedWeightGradient(4, 3, check.random()));
    }
  }

  static class LastOutputSkippedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x1A0003L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      dense(check, new DenseWeightGradientLastOutputSkipped(4, 3, check.random()));
    }
  }

  static class LastInputSkippedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x1A0004L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      dense(check, new DenseLastInputSkipped(4, 3, check.random()));
    }
  }

  /** A batch of two rows through a dense layer: w, b and x, with their matrix shapes. */
  private static void dense(GradientCheck check, ZooDense layer) {
    System.arraycopy(check.arrays().gaussian(layer.out), 0, layer.b, 0, layer.out);
    double[] x = check.arrays().gaussian(2 * layer.in);
    double[] dx = new double[x.length];
    check
        .param("w", layer.w, layer.dw, layer.in, layer.out)
        .param("b", layer.b, layer.db)
        .param("x", x, dx, 2, layer.in)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  static class ConvLastOutputChannelTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x1A0005L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      conv(
          check,
          new Conv2dWeightGradientLastOutputChannelSkipped(2, 3, 3, 1, 1, 4, 4, check.random()));
    }
  }

  static class ConvLastKernelRowTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x1A0009L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      conv(
          check, new Conv2dWeightGradientLastKernelRowSkipped(2, 3, 3, 1, 1, 4, 4, check.random()));
    }
  }

  static class ConvLastInputChannelTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x1A0006L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      conv(check, new Conv2dInputGradientLastChannelSkipped(2, 3, 3, 1, 1, 4, 4, check.random()));
    }
  }

  static class ConvColumnShiftedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x1A0007L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      conv(check, new Conv2dInputGradientColumnShifted(1, 2, 3, 1, 1, 4, 4, check.random()));
    }
  }

  /** Two NCHW images through a convolution: w, b and x, with their tensor shapes. */
  private static void conv(GradientCheck check, ZooConv2d layer) {
    System.arraycopy(check.arrays().gaussian(layer.outChannels), 0, layer.b, 0, layer.b.length);
    double[] x = check.arrays().gaussian(2 * layer.inChannels * layer.height * layer.width);
    double[] dx = new double[x.length];
    check
        .param(
            "w", layer.w, layer.dw, layer.outChannels, layer.inChannels, layer.kernel, layer.kernel)
        .param("b", layer.b, layer.db)
        .param("x", x, dx, 2, layer.inChannels, layer.height, layer.width)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  /**
   * Token ids 1 to 5 of a vocabulary of 6 (0, the padding token, does not occur in this batch): the
   * backward's {@code ids[r] - 1} stays inside the table and quietly moves every row up by one.
   */
  static class EmbeddingShiftedTestCase extends Zoo.Fixture {
    @GradCheck(seed = 0x1A0008L)
    void pinned(GradientCheck check) {
      declare(check);
    }

    @Override
    void declare(GradientCheck check) {
      EmbeddingGradientRowShifted layer = new EmbeddingGradientRowShifted(6, 3, check.random());
      int[] ids = {1, 2, 3, 4, 5, 2, 4, 1};
      check
          .param("table", layer.table, layer.dtable, 6, 3)
          .output(() -> layer.forward(ids))
          .backward(layer::backward);
    }
  }
}
