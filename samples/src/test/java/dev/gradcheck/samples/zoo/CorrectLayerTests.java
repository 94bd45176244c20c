package dev.gradcheck.samples.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import dev.gradcheck.junit.GradCheck;
import dev.gradcheck.samples.nn.Conv2d;
import dev.gradcheck.samples.nn.Dense;
import dev.gradcheck.samples.nn.DenseFloat;
import dev.gradcheck.samples.nn.Dropout;
import dev.gradcheck.samples.nn.Embedding;
import dev.gradcheck.samples.nn.LayerNorm;
import dev.gradcheck.samples.nn.LeakyRelu;
import dev.gradcheck.samples.nn.Lstm;
import dev.gradcheck.samples.nn.MeanSquaredError;
import dev.gradcheck.samples.nn.ResidualBlock;
import dev.gradcheck.samples.nn.SelfAttention;
import dev.gradcheck.samples.nn.SoftmaxCrossEntropy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The zoo's control group: the correct layers the bugs were planted in, declared exactly as the
 * buggy fixtures declare them (matrix and tensor shapes included), must pass and receive no
 * diagnosis at all.
 */
class CorrectLayerTests {

  private static final Map<String, Consumer<GradientCheck>> LAYERS = new LinkedHashMap<>();

  static {
    LAYERS.put("dense", CorrectLayerTests::dense);
    LAYERS.put("denseFloat", CorrectLayerTests::denseFloat);
    LAYERS.put("conv2d", CorrectLayerTests::conv2d);
    LAYERS.put("embedding", CorrectLayerTests::embedding);
    LAYERS.put("layerNorm", CorrectLayerTests::layerNorm);
    LAYERS.put("lstm", CorrectLayerTests::lstm);
    LAYERS.put("causalSelfAttention", CorrectLayerTests::causalSelfAttention);
    LAYERS.put("residualBlock", CorrectLayerTests::residualBlock);
    LAYERS.put("leakyReluAtTheKink", CorrectLayerTests::leakyReluAtTheKink);
    LAYERS.put("seededDropout", CorrectLayerTests::seededDropout);
    LAYERS.put("meanSquaredError", CorrectLayerTests::meanSquaredError);
    LAYERS.put("textClassifier", CorrectLayerTests::textClassifier);
    LAYERS.put("floatReluLayer", CorrectLayerTests::floatReluLayer);
    LAYERS.put("tinyVariance", CorrectLayerTests::tinyVariance);
  }

  /** Every point passes, and what each reports to JUnit is a pass. */
  @Test
  void correctLayersPassThroughTheEngine() {
    EngineExecutionResults results = Zoo.passes(CorrectLayersTestCase.class);
    int points = 5 * LAYERS.size();
    results.testEvents().assertStatistics(s -> s.started(points).succeeded(points).failed(0));
    List<Map<String, String>> entries =
        results.allEvents().reportingEntryPublished().list().stream()
            .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
            .toList();
    assertThat(entries)
        .hasSize(points)
        .allSatisfy(e -> assertThat(e).containsEntry("gradcheck.result", "passed"));
  }

  /** Through the core API: at every zoo seed, passed, and not a single diagnosis. */
  @Test
  void correctLayersGetNoDiagnosis() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Consumer<GradientCheck>> layer : LAYERS.entrySet()) {
      for (long seed : Zoo.SEEDS) {
        GradientCheck check = GradientCheck.create().seed(seed);
        layer.getValue().accept(check);
        CheckResult result = check.run();
        if (!result.passed() || !result.diagnoses().isEmpty()) {
          problems.add(layer.getKey() + " at seed " + seed + ":\n" + Report.text(result));
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  // ---------------------------------------------------------------- fixtures

  /** Five points per layer, from a pinned seed. */
  static class CorrectLayersTestCase {
    @GradCheck(seed = 0x600D01L, points = 5)
    void dense(GradientCheck check) {
      CorrectLayerTests.dense(check);
    }

    @GradCheck(seed = 0x600D02L, points = 5)
    void denseFloat(GradientCheck check) {
      CorrectLayerTests.denseFloat(check);
    }

    @GradCheck(seed = 0x600D03L, points = 5)
    void conv2d(GradientCheck check) {
      CorrectLayerTests.conv2d(check);
    }

    @GradCheck(seed = 0x600D21L, points = 5)
    void floatReluLayer(GradientCheck check) {
      CorrectLayerTests.floatReluLayer(check);
    }

    @GradCheck(seed = 0x600D22L, points = 5)
    void tinyVariance(GradientCheck check) {
      CorrectLayerTests.tinyVariance(check);
    }

    @GradCheck(seed = 0x600D04L, points = 5)
    void embedding(GradientCheck check) {
      CorrectLayerTests.embedding(check);
    }

    @GradCheck(seed = 0x600D05L, points = 5)
    void layerNorm(GradientCheck check) {
      CorrectLayerTests.layerNorm(check);
    }

    @GradCheck(seed = 0x600D06L, points = 5)
    void lstm(GradientCheck check) {
      CorrectLayerTests.lstm(check);
    }

    @GradCheck(seed = 0x600D07L, points = 5)
    void causalSelfAttention(GradientCheck check) {
      CorrectLayerTests.causalSelfAttention(check);
    }

    @GradCheck(seed = 0x600D08L, points = 5)
    void residualBlock(GradientCheck check) {
      CorrectLayerTests.residualBlock(check);
    }

    @GradCheck(seed = 0x600D09L, points = 5)
    void leakyReluAtTheKink(GradientCheck check) {
      CorrectLayerTests.leakyReluAtTheKink(check);
    }

    @GradCheck(seed = 0x600D0AL, points = 5)
    void seededDropout(GradientCheck check) {
      CorrectLayerTests.seededDropout(check);
    }

    @GradCheck(seed = 0x600D0BL, points = 5)
    void meanSquaredError(GradientCheck check) {
      CorrectLayerTests.meanSquaredError(check);
    }

    @GradCheck(seed = 0x600D0CL, points = 5)
    void textClassifier(GradientCheck check) {
      CorrectLayerTests.textClassifier(check);
    }
  }

  // ---------------------------------------------------------------- declarations

  static void dense(GradientCheck check) {
    Dense layer = new Dense(4, 3, check.random());
    System.arraycopy(check.arrays().gaussian(3), 0, layer.b, 0, 3);
    double[] x = check.arrays().gaussian(2 * 4);
    double[] dx = new double[x.length];
    check
        .param("w", layer.w, layer.dw, 4, 3)
        .param("b", layer.b, layer.db)
        .param("x", x, dx, 2, 4)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  static void denseFloat(GradientCheck check) {
    DenseFloat layer = new DenseFloat(4, 3, check.random());
    System.arraycopy(check.arrays().gaussianFloats(3), 0, layer.b, 0, 3);
    float[] x = check.arrays().gaussianFloats(2 * 4);
    float[] dx = new float[x.length];
    check
        .param("w", layer.w, layer.dw, 4, 3)
        .param("b", layer.b, layer.db)
        .param("x", x, dx, 2, 4)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  /**
   * A float dense layer into a ReLU: many pre-activations lie within the refinement's largest steps
   * of their kinks.
   */
  static void floatReluLayer(GradientCheck check) {
    DenseFloat layer = new DenseFloat(4, 6, check.random());
    float[] x = check.arrays().gaussianFloats(5 * 4);
    float[] dx = new float[x.length];
    float[] y = new float[5 * 6];
    check
        .param("w", layer.w, layer.dw, 4, 6)
        .param("x", x, dx, 5, 4)
        .output(
            () -> {
              float[] z = layer.forward(x);
              for (int i = 0; i < z.length; i++) {
                y[i] = Math.max(0f, z[i]);
              }
              return y;
            })
        .backward(
            dy -> {
              float[] z = layer.forward(x);
              float[] dz = new float[z.length];
              for (int i = 0; i < z.length; i++) {
                dz[i] = z[i] > 0 ? dy[i] : 0f;
              }
              layer.backward(dz, dx);
            });
  }

  /** A Gaussian negative log-likelihood whose variances are of order 1e-8, declared so. */
  static void tinyVariance(GradientCheck check) {
    double[] variance = {2e-8, 5e-8, 1e-8};
    double[] dvariance = new double[3];
    double[] r = check.arrays().uniform(-3e-4, 3e-4, 3);
    check
        .param("variance", variance, dvariance, dev.gradcheck.Param.scale(1e-8).positive())
        .loss(
            () -> {
              double s = 0;
              for (int i = 0; i < 3; i++) {
                s += 0.5 * Math.log(variance[i]) + r[i] * r[i] / (2 * variance[i]);
              }
              return s;
            })
        .backward(
            () -> {
              for (int i = 0; i < 3; i++) {
                double v = variance[i];
                dvariance[i] = 0.5 / v - r[i] * r[i] / (2 * v * v);
              }
            });
  }

  static void conv2d(GradientCheck check) {
    Conv2d layer = new Conv2d(2, 3, 3, 1, 1, 4, 4, check.random());
    System.arraycopy(check.arrays().gaussian(3), 0, layer.b, 0, 3);
    double[] x = check.arrays().gaussian(2 * 2 * 4 * 4);
    double[] dx = new double[x.length];
    check
        .param("w", layer.w, layer.dw, 3, 2, 3, 3)
        .param("b", layer.b, layer.db)
        .param("x", x, dx, 2, 2, 4, 4)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  static void embedding(GradientCheck check) {
    Embedding layer = new Embedding(8, 3, check.random());
    int[] ids = {0, 1, 2, 3, 0, 4, 3};
    check
        .param("table", layer.table, layer.dtable, 8, 3)
        .output(() -> layer.forward(ids))
        .backward(layer::backward);
  }

  static void layerNorm(GradientCheck check) {
    LayerNorm layer = new LayerNorm(4, 1e-5);
    System.arraycopy(check.arrays().uniform(0.5, 2, 4), 0, layer.gamma, 0, 4);
    System.arraycopy(check.arrays().gaussian(4), 0, layer.beta, 0, 4);
    double[] x = check.arrays().gaussian(3 * 4);
    double[] dx = new double[x.length];
    check
        .param("gamma", layer.gamma, layer.dgamma)
        .param("beta", layer.beta, layer.dbeta)
        .param("x", x, dx, 3, 4)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  static void lstm(GradientCheck check) {
    Lstm layer = new Lstm(3, 3, check.random());
    System.arraycopy(check.arrays().gaussian(12), 0, layer.b, 0, 12);
    double[] x = check.arrays().gaussian(4 * 2 * 3);
    double[] h0 = check.arrays().gaussian(2 * 3);
    double[] c0 = check.arrays().gaussian(2 * 3);
    double[] dx = new double[x.length];
    double[] dh0 = new double[h0.length];
    double[] dc0 = new double[c0.length];
    check
        .param("wx", layer.wx, layer.dwx, 3, 12)
        .param("wh", layer.wh, layer.dwh, 3, 12)
        .param("b", layer.b, layer.db)
        .param("x", x, dx, 4, 2, 3)
        .param("h0", h0, dh0, 2, 3)
        .param("c0", c0, dc0, 2, 3)
        .output(() -> layer.forward(x, h0, c0))
        .backward(dy -> layer.backward(dy, dx, dh0, dc0));
  }

  static void causalSelfAttention(GradientCheck check) {
    SelfAttention layer = new SelfAttention(4, 3, true, check.random());
    double[] x = check.arrays().gaussian(2 * 3 * 4);
    double[] dx = new double[x.length];
    check
        .param("wq", layer.wq, layer.dwq, 4, 3)
        .param("wk", layer.wk, layer.dwk, 4, 3)
        .param("wv", layer.wv, layer.dwv, 4, 3)
        .param("x", x, dx, 2, 3, 4)
        .output(() -> layer.forward(x, 2))
        .backward(dy -> layer.backward(dy, dx));
  }

  static void residualBlock(GradientCheck check) {
    ResidualBlock block = new ResidualBlock(3, 4, check.random());
    System.arraycopy(check.arrays().gaussian(4), 0, block.first.b, 0, 4);
    System.arraycopy(check.arrays().gaussian(3), 0, block.second.b, 0, 3);
    double[] x = check.arrays().gaussian(3 * 3);
    double[] dx = new double[x.length];
    check
        .param("first.w", block.first.w, block.first.dw, 3, 4)
        .param("first.b", block.first.b, block.first.db)
        .param("second.w", block.second.w, block.second.dw, 4, 3)
        .param("second.b", block.second.b, block.second.db)
        .param("x", x, dx, 3, 3)
        .output(() -> block.forward(x))
        .backward(dy -> block.backward(dy, dx));
  }

  static void leakyReluAtTheKink(GradientCheck check) {
    LeakyRelu layer = new LeakyRelu(0.1);
    double[] x = check.arrays().gaussian(3 * 4);
    x[2] = 0;
    x[7] = 0;
    double[] dx = new double[x.length];
    check
        .param("x", x, dx, 3, 4)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  static void seededDropout(GradientCheck check) {
    Dropout layer = new Dropout(0.5, check.random());
    double[] x = check.arrays().gaussian(4 * 8);
    double[] dx = new double[x.length];
    check
        .param("x", x, dx, 4, 8)
        .output(() -> layer.forward(x))
        .backward(dy -> layer.backward(dy, dx));
  }

  static void meanSquaredError(GradientCheck check) {
    MeanSquaredError loss = new MeanSquaredError();
    double[] prediction = check.arrays().gaussian(3 * 2);
    double[] target = check.arrays().gaussian(3 * 2);
    double[] dprediction = new double[prediction.length];
    double[] dtarget = new double[target.length];
    check
        .param("prediction", prediction, dprediction, 3, 2)
        .param("target", target, dtarget, 3, 2)
        .loss(() -> loss.forward(prediction, target))
        .backward(() -> loss.backward(dprediction, dtarget));
  }

  /** The text classifier of the batch-size bug, with the correct loss. */
  static void textClassifier(GradientCheck check) {
    Embedding embedding = new Embedding(10, 4, check.random());
    Dense dense = new Dense(4, 3, check.random());
    System.arraycopy(check.arrays().gaussian(3), 0, dense.b, 0, 3);
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3);
    int[] ids = check.arrays().integers(10, 8);
    int[] labels = check.arrays().integers(3, 8);
    double[] dlogits = new double[8 * 3];
    double[] dembedded = new double[8 * 4];
    check
        .param("table", embedding.table, embedding.dtable, 10, 4)
        .param("w", dense.w, dense.dw, 4, 3)
        .param("b", dense.b, dense.db)
        .loss(() -> loss.forward(dense.forward(embedding.forward(ids)), labels))
        .backward(
            () -> {
              loss.backward(dlogits);
              dense.backward(dlogits, dembedded);
              embedding.backward(dembedded);
            });
  }
}
