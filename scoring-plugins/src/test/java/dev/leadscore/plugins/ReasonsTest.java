package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasonsTest {

  @Test
  void points_wholeNumbers_haveSignAndNoDecimals() {
    assertThat(Reasons.points(20.0)).isEqualTo("+20");
    assertThat(Reasons.points(-10.0)).isEqualTo("-10");
    assertThat(Reasons.points(0.0)).isEqualTo("+0");
    assertThat(Reasons.points(-0.0)).isEqualTo("+0");
    assertThat(Reasons.points(2.5)).isEqualTo("+2.5");
  }

  @Test
  void points_oneDecimal_roundsHalfUp() {
    assertThat(Reasons.points(17.3825, 1)).isEqualTo("+17.4");
    assertThat(Reasons.points(9.96, 1)).isEqualTo("+10");
    assertThat(Reasons.points(-0.04, 1)).isEqualTo("+0");
    assertThat(Reasons.points(-2.25, 1)).isEqualTo("-2.3");
  }

  @Test
  void number_wholeOrFractional_hasNoTrailingZero() {
    assertThat(Reasons.number(30.0)).isEqualTo("30");
    assertThat(Reasons.number(0.5)).isEqualTo("0.5");
    assertThat(Reasons.number(1e6)).isEqualTo("1000000");
  }
}
