package dev.gradcheck.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MultiIndexTests {

  @Test
  void formatsRowMajorIndices() {
    int[] shape = {3, 2};
    assertThat(MultiIndex.format("W", shape, 0)).isEqualTo("W[0][0]");
    assertThat(MultiIndex.format("W", shape, 1)).isEqualTo("W[0][1]");
    assertThat(MultiIndex.format("W", shape, 4)).isEqualTo("W[2][0]");
    assertThat(MultiIndex.format("W", shape, 5)).isEqualTo("W[2][1]");
  }

  @Test
  void formatsEveryRank() {
    assertThat(MultiIndex.format("b", new int[] {4}, 3)).isEqualTo("b[3]");
    // 23 = 1·12 + 2·4 + 3 in shape 2×3×4.
    assertThat(MultiIndex.format("T", new int[] {2, 3, 4}, 23)).isEqualTo("T[1][2][3]");
    assertThat(MultiIndex.format("T", new int[] {2, 3, 4}, 13)).isEqualTo("T[1][0][1]");
    assertThat(MultiIndex.format("output", new int[] {1, 1, 1, 5}, 4))
        .isEqualTo("output[0][0][0][4]");
  }

  @Test
  void sizeIsTheProductOfTheShape() {
    assertThat(MultiIndex.size(new int[] {3, 2})).isEqualTo(6);
    assertThat(MultiIndex.size(new int[] {7})).isEqualTo(7);
    assertThat(MultiIndex.size(new int[] {2, 3, 4})).isEqualTo(24);
  }

  @Test
  void sizeRejectsOverflow() {
    assertThatThrownBy(() -> MultiIndex.size(new int[] {65536, 65536}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[65536, 65536]");
  }
}
