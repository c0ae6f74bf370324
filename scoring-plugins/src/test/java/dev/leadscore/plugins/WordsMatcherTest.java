package dev.leadscore.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import dev.leadscore.testing.Criteria;
import dev.leadscore.testing.FakeLeadView;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code words} answers as a slow, obvious reference does: decompose, drop marks with a regex,
 * split on everything that is not a letter or digit, and look for the needle's words as a sub-list.
 */
class WordsMatcherTest {
  private static final AttributeCriterionFactory FACTORY = new AttributeCriterionFactory();
  private static final Pattern MARKS = Pattern.compile("[\\p{Mn}\\p{Me}]+");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}\\p{Mc}]+");

  private static final List<String> TEXTS =
      List.of(
          "VP of Sales",
          "VP, Sales",
          "SVP Sales",
          "Vice-President, Engineering",
          "vice  president",
          "Director of Technology",
          "Dir. of Ops",
          "Directeur Général",
          "DIRECTEUR GENERAL adjoint",
          "Directora",
          "Geschäftsführer",
          "Coordinator",
          "Cook",
          "COO",
          "Head of Growth",
          "Forehead of",
          "Founder & CEO",
          "Co-Founder/CTO",
          "ＣＥＯ",
          "\u212Aey account manager",
          "İnternational",
          "ΣΟΦΟΣ",
          "",
          "   ",
          "-",
          "vp",
          "a vp b vp",
          "Intern (summer)",
          "Internal Auditor",
          "student-intern",
          "Δ-vp");

  private static final List<List<String>> NEEDLE_SETS =
      List.of(
          List.of("vp", "vice president", "head of"),
          List.of("director", "dir", "directeur general", "directora"),
          List.of("coo", "ceo", "cto", "founder"),
          List.of("Geschäftsführer", "key", "international"),
          List.of("intern", "student"),
          List.of("Vice-President", "σοφος", "b vp"),
          List.of("a vp b vp c", "vp b"));

  @Test
  void match_manyTextsAndNeedles_sameAsReference() {
    for (List<String> needles : NEEDLE_SETS) {
      Criterion criterion = criterion(Map.of("words", needles, "points", 1.0));
      for (String text : TEXTS) {
        int expected = reference(text, needles);
        CriterionResult result = criterion.evaluate(lead(text));
        assertThat(result.points()).as("%s in %s", needles, text).isEqualTo(expected < 0 ? 0 : 1);
        if (expected >= 0) {
          assertThat(result.reason())
              .as("%s in %s", needles, text)
              .contains('"' + needles.get(expected).toLowerCase(Locale.ROOT) + '"');
        }
      }
    }
  }

  @Test
  void match_wordsOfOneCriterionAcrossCases_firstMatchingCaseWins() {
    Criterion criterion =
        criterion(
            Map.of("words", List.of("intern", "student"), "points", -15.0),
            Map.of("words", List.of("cto", "vp", "vice president"), "points", 20.0),
            Map.of("words", List.of("director", "dir"), "points", 15.0));

    assertThat(criterion.evaluate(lead("Director of Technology")))
        .isEqualTo(new CriterionResult(15, "job_title has the word \"director\" (+15)"));
    assertThat(criterion.evaluate(lead("VP, Sales")))
        .isEqualTo(new CriterionResult(20, "job_title has the word \"vp\" (+20)"));
    assertThat(criterion.evaluate(lead("Vice-President")))
        .isEqualTo(new CriterionResult(20, "job_title has the phrase \"vice president\" (+20)"));
    assertThat(criterion.evaluate(lead("CTO, former intern")).points()).isEqualTo(-15);
    assertThat(criterion.evaluate(lead("Internal Auditor")).points()).isZero();
  }

  @Test
  void match_longValue_growsPastInitialCapacity() {
    Criterion criterion =
        criterion(Map.of("words", List.of("needle in", "haystack"), "points", 1.0));
    String text = "hay ".repeat(100) + "needle in " + "hay ".repeat(100);

    assertThat(criterion.evaluate(lead(text)).reason()).contains("\"needle in\"");
    assertThat(criterion.evaluate(lead("hay ".repeat(100) + "needle")).points()).isZero();
  }

  private static int reference(String text, List<String> needles) {
    List<String> words = referenceWords(text);
    for (int i = 0; i < needles.size(); i++) {
      if (Collections.indexOfSubList(words, referenceWords(needles.get(i))) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> referenceWords(String text) {
    String bare = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
    return Arrays.stream(SEPARATORS.split(bare.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)))
        .filter(word -> !word.isEmpty())
        .toList();
  }

  private static Criterion criterion(Map<?, ?>... cases) {
    return Criteria.create(FACTORY, Map.of("attribute", "job_title", "cases", List.of(cases)));
  }

  private static LeadView lead(String title) {
    return FakeLeadView.builder().attribute("job_title", title).build();
  }
}
