package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Test data drawn from the check's seeded generator: reproducible, of the asked shape and range.
 */
class RandomArraysTests {

  @Test
  void sameSeedSameData() {
    double[][] a = GradientCheck.create().seed(12).arrays().gaussian(4, 3);
    double[][] b = GradientCheck.create().seed(12).arrays().gaussian(4, 3);
    double[][] c = GradientCheck.create().seed(13).arrays().gaussian(4, 3);

    assertThat(b).isDeepEqualTo(a);
    assertThat(Arrays.deepEquals(a, c)).isFalse();
  }

  @Test
  void drawsFromTheSameGeneratorAsRandom() {
    GradientCheck check = GradientCheck.create().seed(12);
    double[] viaArrays = check.arrays().gaussian(3);
    java.util.Random reference = GradientCheck.create().seed(12).random();
    for (double v : viaArrays) {
      assertThat(v).isEqualTo(reference.nextGaussian());
    }
    // Successive calls continue the sequence rather than repeating it.
    assertThat(check.arrays().gaussian(3)).isNotEqualTo(viaArrays);
  }

  @Test
  void shapes() {
    RandomArrays arrays = GradientCheck.create().seed(1).arrays();

    assertThat(arrays.gaussian(5)).hasSize(5);
    double[][] matrix = arrays.gaussian(2, 7);
    assertThat(matrix).hasDimensions(2, 7);
    double[][][] tensor = arrays.gaussian(2, 3, 4);
    assertThat(tensor.length).isEqualTo(2);
    for (double[][] slice : tensor) {
      assertThat(slice).hasDimensions(3, 4);
    }
    assertThat(arrays.uniform(-1, 1, 3, 2)).hasDimensions(3, 2);
    assertThat(arrays.gaussianFloats(6)).hasSize(6);
    assertThat(arrays.gaussianFloats(2, 3)).hasDimensions(2, 3);
    assertThat(arrays.uniformFloats(0, 1, 4)).hasSize(4);
    assertThat(arrays.integers(10, 8)).hasSize(8);
    // Rows are distinct arrays: declaring the matrix as a parameter must not see aliasing.
    assertThat(matrix[0]).isNotSameAs(matrix[1]);
  }

  @Test
  void ranges() {
    RandomArrays arrays = GradientCheck.create().seed(2).arrays();

    assertThat(Arrays.stream(arrays.uniform(-2, 3, 200)).boxed())
        .allSatisfy(v -> assertThat(v).isBetween(-2.0, 3.0));
    assertThat(Arrays.stream(arrays.uniform(5, 6, 4, 50)).flatMapToDouble(Arrays::stream).boxed())
        .allSatisfy(v -> assertThat(v).isBetween(5.0, 6.0));
    float[] floats = arrays.uniformFloats(-1, 1, 200);
    for (float f : floats) {
      assertThat(f).isBetween(-1f, 1f);
    }
    assertThat(arrays.integers(3, 300)).containsOnly(0, 1, 2);
    double[] g = arrays.gaussian(2000);
    double mean = Arrays.stream(g).average().orElseThrow();
    assertThat(mean).isBetween(-0.1, 0.1);
  }

  @Test
  void nonPositiveDimensionsAreRejected() {
    RandomArrays arrays = GradientCheck.create().seed(3).arrays();
    assertThatThrownBy(() -> arrays.gaussian(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> arrays.gaussian(3, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> arrays.integers(2, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
