package dev.leadscore.testplugins.guice;

import java.util.List;
import java.util.Locale;

/** Says whether a job title is senior; bound in the plugin's own injector. */
final class TitleClassifier {
  private final List<String> seniorWords;

  TitleClassifier(List<String> seniorWords) {
    this.seniorWords = List.copyOf(seniorWords);
  }

  boolean isSenior(String title) {
    String lower = title.toLowerCase(Locale.ROOT);
    return seniorWords.stream().anyMatch(lower::contains);
  }
}
