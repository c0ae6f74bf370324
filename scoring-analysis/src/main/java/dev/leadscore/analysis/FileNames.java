package dev.leadscore.analysis;

/**
 * File names of data sources, for messages and reports that must not show where a user keeps their
 * files: {@code /home/ana/exports/leads.csv (holdout)} becomes {@code leads.csv (holdout)}.
 */
final class FileNames {
  private FileNames() {}

  /** The part after the last {@code /} or {@code \}; the whole text when there is none. */
  static String of(String source) {
    int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
    return source.substring(slash + 1);
  }
}
