package dev.leadscore.cli;

import dev.leadscore.analysis.ColumnType;
import dev.leadscore.analysis.ReadOptions;
import dev.leadscore.analysis.Table;
import dev.leadscore.analysis.TableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How lead tables are read: the options every table-reading command shares (a picocli mixin). */
final class TableOptions {
  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      description =
          "CSV delimiter: one character, or 'tab'. Default: detected from the header line"
              + " (comma, semicolon, tab or pipe).")
  @Nullable String delimiter;

  @Option(
      names = "--missing",
      paramLabel = "VALUE",
      description =
          "A cell value that means 'not given', like an empty cell (repeatable), e.g."
              + " --missing Select. Fitted models score it as missing too.")
  List<String> missing = new ArrayList<>();

  @Option(
      names = "--numeric",
      paramLabel = "COLUMN",
      description =
          "Treat this column as numeric (repeatable). Default: numeric when every value"
              + " is a number.")
  List<String> numeric = new ArrayList<>();

  @Option(
      names = "--categorical",
      paramLabel = "COLUMN",
      description = "Treat this column as categorical even if its values are numbers (repeatable).")
  List<String> categorical = new ArrayList<>();

  /** Reads {@code file}, with a progress bar on a terminal unless {@code quiet}. */
  Table read(Path file, boolean quiet) {
    return TableReader.read(file, readOptions(), Commands.progress(quiet));
  }

  ReadOptions readOptions() {
    return new ReadOptions(delimiter(), new LinkedHashSet<>(missing));
  }

  Map<String, ColumnType> types() {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    numeric.forEach(c -> types.put(c, ColumnType.NUMERIC));
    categorical.forEach(c -> types.put(c, ColumnType.CATEGORICAL));
    return types;
  }

  private @Nullable Character delimiter() {
    if (delimiter == null) {
      return null;
    }
    if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
      return '\t';
    }
    if (delimiter.length() != 1) {
      throw new IllegalArgumentException(
          "--delimiter: \"" + delimiter + "\" (expected: one character or 'tab')");
    }
    return delimiter.charAt(0);
  }
}
