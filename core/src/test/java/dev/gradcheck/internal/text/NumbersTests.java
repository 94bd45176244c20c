package dev.gradcheck.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTests {

  @Test
  void valuesHaveFiveSignificantDigits() {
    assertThat(Numbers.value(-0.41233)).isEqualTo("-0.41233");
    assertThat(Numbers.value(0.412334)).isEqualTo("0.41233");
    assertThat(Numbers.value(3.14159265)).isEqualTo("3.1416");
    assertThat(Numbers.value(12345.678)).isEqualTo("12346");
  }

  @Test
  void trailingZerosAreDropped() {
    assertThat(Numbers.value(1.5)).isEqualTo("1.5");
    assertThat(Numbers.value(100)).isEqualTo("100");
    assertThat(Numbers.value(-2)).isEqualTo("-2");
  }

  @Test
  void veryLargeAndSmallValuesAreScientific() {
    assertThat(Numbers.value(1.23456e7)).isEqualTo("1.2346e+07");
    assertThat(Numbers.value(-1e-5)).isEqualTo("-1.0000e-05");
    assertThat(Numbers.value(Double.MIN_VALUE)).isEqualTo("4.9000e-324");
  }

  @Test
  void zerosAndNonFiniteValues() {
    assertThat(Numbers.value(0.0)).isEqualTo("0");
    assertThat(Numbers.value(-0.0)).isEqualTo("-0");
    assertThat(Numbers.value(Double.NaN)).isEqualTo("NaN");
    assertThat(Numbers.value(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }

  @Test
  void errorsHaveTwoSignificantDigits() {
    assertThat(Numbers.error(3e-11)).isEqualTo("3.0e-11");
    assertThat(Numbers.error(0.000123)).isEqualTo("1.2e-04");
    assertThat(Numbers.error(0)).isEqualTo("0.0e+00");
    assertThat(Numbers.error(Double.NaN)).isEqualTo("NaN");
    assertThat(Numbers.error(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
  }

  @Test
  void seedsAreTheJavaLiteralsUsersPasteBack() {
    assertThat(Numbers.seed(0x5A3C91)).isEqualTo("0x5A3C91L");
    assertThat(Numbers.seed(0)).isEqualTo("0x0L");
    assertThat(Numbers.seed(-1)).isEqualTo("0xFFFFFFFFFFFFFFFFL");
    String literal = Numbers.seed(-42);
    assertThat(Long.parseUnsignedLong(literal.substring(2, literal.length() - 1), 16))
        .isEqualTo(-42);
  }

  @Test
  void exactValuesReadBackToTheSameDouble() {
    assertThat(Numbers.exact(0.1)).isEqualTo("0.1");
    assertThat(Numbers.exact((double) 0.1f)).isEqualTo("0.10000000149011612");
    assertThat(Numbers.exact(Double.NaN)).isEqualTo("NaN");
    double v = Math.nextUp(1.0);
    assertThat(Double.parseDouble(Numbers.exact(v))).isEqualTo(v);
  }

  @Test
  void percentagesHaveOneDecimalUnlessWhole() {
    assertThat(Numbers.percent(0.5)).isEqualTo("50%");
    assertThat(Numbers.percent(1)).isEqualTo("100%");
    assertThat(Numbers.percent(0.999)).isEqualTo("99.9%");
    assertThat(Numbers.percent(1 / 3.0)).isEqualTo("33.3%");
  }

  @Test
  void distinctShowsEnoughDigitsToTellValuesApart() {
    assertThat(Numbers.distinct(1.0, 2.0)).containsExactly("1", "2");
    assertThat(Numbers.distinct(1.0, 1.0000000001)).containsExactly("1.0", "1.0000000001");
    String[] close = Numbers.distinct(0.123456789, 0.123456788);
    assertThat(close[0]).isNotEqualTo(close[1]);
    assertThat(Double.parseDouble(close[0])).isEqualTo(0.123456789);
    // Equal values stay short.
    assertThat(Numbers.distinct(0.5, 0.5)).containsExactly("0.5", "0.5");
    assertThat(Numbers.distinct(Double.NaN, Double.NaN)).containsExactly("NaN", "NaN");
  }
}
