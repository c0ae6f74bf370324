package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.AttributeType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ASCII shortcut of {@code contains} answers as case-insensitive region matching does. */
class ContainsMatcherTest {
  private static final List<String> TEXTS =
      List.of(
          "VP of Sales",
          "vp of sales",
          "Head Of Marketing",
          "Chief Executive",
          "Ärztliche Leiterin, VP",
          "\u212Aey account manager",
          "DIRECTOR",
          "",
          "v",
          "Intern (summer)");

  @Test
  void match_asciiAndOtherTexts_sameAsRegionMatchesIgnoringCase() {
    List<List<String>> needleSets =
        List.of(
            List.of("vp", "head of", "chief"),
            List.of("director", "manager"),
            List.of("key", "ärzt"),
            List.of("intern", "v"));
    for (List<String> needles : needleSets) {
      AttributeMatcher.Contains matcher = new AttributeMatcher.Contains(needles);
      for (String text : TEXTS) {
        assertThat(matcher.match(AttributeType.STRING, text, Double.NaN, null, WordIndex.NO_WORDS))
            .as("%s in %s", needles, text)
            .isEqualTo(expected(text, needles));
      }
    }
  }

  private static int expected(String text, List<String> needles) {
    for (int i = 0; i < needles.size(); i++) {
      String needle = needles.get(i);
      for (int start = 0; start <= text.length() - needle.length(); start++) {
        if (text.regionMatches(true, start, needle, 0, needle.length())) {
          return i;
        }
      }
    }
    return AttributeMatcher.NO_MATCH;
  }
}
