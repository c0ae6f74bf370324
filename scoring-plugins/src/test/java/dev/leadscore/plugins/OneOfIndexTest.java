package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.AttributeType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code one_of} table answers as each case's case-insensitive equality does. */
class OneOfIndexTest {
  private static final List<String> TEXTS =
      List.of(
          "Software",
          "SAAS",
          "it services",
          "IT Services ",
          "banking",
          "Banking",
          "bankin",
          "\u212Aey",
          "key",
          "Ärzte",
          "ärzte",
          "",
          "us",
          "uk",
          "UK");

  private static final List<AttributeMatcher> MATCHERS =
      List.of(
          new AttributeMatcher.OneOf(List.of("software", "saas", "it services")),
          new AttributeMatcher.EqualsText("banking"),
          new AttributeMatcher.OneOf(List.of("banking", "us", "key")),
          new AttributeMatcher.OneOf(List.of("ärzte", "uk")),
          new AttributeMatcher.OneOf(List.of("uk", "us")));

  @Test
  void match_asciiAndOtherValues_sameCasesAsEachMatcher() {
    OneOfIndex index = OneOfIndex.of(MATCHERS);
    assertThat(index).isNotNull();
    for (String text : TEXTS) {
      long bits = index.match(text);
      List<Integer> answered = new ArrayList<>();
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < MATCHERS.size(); i++) {
        int alone =
            MATCHERS.get(i).match(AttributeType.STRING, text, Double.NaN, null, WordIndex.NO_WORDS);
        if (alone != AttributeMatcher.NO_MATCH) {
          expected.add(i);
        }
        boolean matched =
            bits != OneOfIndex.UNKNOWN && index.indexed(i)
                ? (bits & (1L << i)) != 0
                : alone != AttributeMatcher.NO_MATCH;
        if (matched) {
          answered.add(i);
        }
      }
      assertThat(answered).as(text).isEqualTo(expected);
    }
  }

  @Test
  void of_nonAsciiNeedleOrOtherMatchers_leftToTheirMatcher() {
    OneOfIndex index = OneOfIndex.of(MATCHERS);

    assertThat(index).isNotNull();
    assertThat(index.indexed(0)).isTrue();
    assertThat(index.indexed(1)).isFalse();
    assertThat(index.indexed(3)).isFalse();
    assertThat(index.match("Ärzte")).isEqualTo(OneOfIndex.UNKNOWN);
    assertThat(OneOfIndex.of(List.of(new AttributeMatcher.EqualsText("x")))).isNull();
  }
}
