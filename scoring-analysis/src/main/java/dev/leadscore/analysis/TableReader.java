package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads lead tables from CSV files (any line endings, quoted fields, a header row; the delimiter
 * detected or given) and from JSON-lines files (one object per line; chosen by the {@code .jsonl}
 * or {@code .ndjson} extension or a first character {@code '{'}). Cells that are empty or one of
 * the configured placeholders become missing.
 */
public final class TableReader {
  private static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};

  private TableReader() {}

  /**
   * Reads a whole file.
   *
   * @throws InputException naming the file and, where it applies, the line and the column
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Table read(Path file, ReadOptions options) {
    requireNonNull(file, "file");
    requireNonNull(options, "options");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new InputException(
          file + ": not UTF-8 text (expected: a UTF-8 CSV or JSON-lines file)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString(), options);
  }

  /** Parses table text; {@code source} names it in messages. */
  public static Table parse(String text, String source, ReadOptions options) {
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String lower = source.toLowerCase(Locale.ROOT);
    boolean jsonLines =
        lower.endsWith(".jsonl")
            || lower.endsWith(".ndjson")
            || content.stripLeading().startsWith("{");
    return jsonLines
        ? JsonLinesTables.parse(content, source, options)
        : parseCsv(content, source, options);
  }

  private static Table parseCsv(String text, String source, ReadOptions options) {
    char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(text);
    CSVFormat format =
        CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    LineIndex lines = new LineIndex(text);
    List<String> header = null;
    List<@Nullable String[]> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      for (CSVRecord record : parser) {
        int line = lines.lineOf(record.getCharacterPosition());
        if (header == null) {
          header = header(record, source);
          continue;
        }
        if (record.size() != header.size()) {
          throw new InputException(
              source
                  + " line "
                  + line
                  + ": "
                  + record.size()
                  + " cells (expected: "
                  + header.size()
                  + ", as in the header; is the delimiter '"
                  + printable(delimiter)
                  + "' right?)");
        }
        @Nullable String[] row = new String[header.size()];
        for (int i = 0; i < row.length; i++) {
          String cell = record.get(i);
          row[i] = options.isMissing(cell) ? null : cell;
        }
        rows.add(row);
        rowLines.add(line);
      }
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new InputException(source + ": not valid CSV: " + e.getMessage(), e);
    }
    if (header == null) {
      throw new InputException(source + ": empty (expected: a header row and rows of leads)");
    }
    return new Table(source, header, rows, rowLines.stream().mapToInt(Integer::intValue).toArray());
  }

  private static List<String> header(CSVRecord record, String source) {
    List<String> names = new ArrayList<>(record.size());
    for (int i = 0; i < record.size(); i++) {
      String name = record.get(i);
      if (name.isBlank()) {
        throw new InputException(
            source + " line 1: column " + (i + 1) + " has no name (expected: a header row)");
      }
      names.add(name);
    }
    return names;
  }

  /** The candidate that occurs most often outside quotes on the first line; comma if none. */
  static char detectDelimiter(String text) {
    int[] counts = new int[CANDIDATE_DELIMITERS.length];
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      } else if (!quoted) {
        for (int k = 0; k < CANDIDATE_DELIMITERS.length; k++) {
          if (c == CANDIDATE_DELIMITERS[k]) {
            counts[k]++;
          }
        }
      }
    }
    int best = 0;
    for (int k = 1; k < counts.length; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    return CANDIDATE_DELIMITERS[best];
  }

  static String printable(char delimiter) {
    return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
  }

  /** Maps character positions to 1-based line numbers; CRLF, LF and CR all end a line. */
  private static final class LineIndex {
    private final int[] starts;

    LineIndex(String text) {
      int[] found = new int[64];
      int count = 1;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean end =
            c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
        if (end) {
          if (count == found.length) {
            found = Arrays.copyOf(found, count * 2);
          }
          found[count++] = i + 1;
        }
      }
      starts = Arrays.copyOf(found, count);
    }

    int lineOf(long position) {
      int index = Arrays.binarySearch(starts, (int) position);
      return (index >= 0 ? index : -index - 2) + 1;
    }
  }
}
