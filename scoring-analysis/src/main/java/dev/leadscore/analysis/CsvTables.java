package dev.leadscore.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads CSV text (RFC 4180 quoting, any line endings, a header row) into a {@link Table} with
 * Commons CSV. When Commons CSV refuses the text, the text is scanned again from the last good
 * record to tell the user where and what the problem is, in our words: the line, the column and
 * what was expected.
 */
final class CsvTables {
  private static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};
  private static final int PROGRESS_EVERY = 1024;

  private CsvTables() {}

  static Table parse(String text, String source, ReadOptions options, Progress progress) {
    char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(text);
    CSVFormat format =
        CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    LineIndex lines = new LineIndex(text);
    List<String> header = null;
    List<@Nullable String[]> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    long lastGood = 0;
    long reported = 0;
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      for (CSVRecord record : parser) {
        lastGood = record.getCharacterPosition();
        int line = lines.lineOf(lastGood);
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
        if (rows.size() % PROGRESS_EVERY == 0) {
          progress.advance(lastGood - reported);
          reported = lastGood;
        }
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new InputException(syntaxError(text, (int) lastGood, delimiter, header, lines, source));
    }
    if (header == null) {
      throw new InputException(source + ": empty (expected: a header row and rows of leads)");
    }
    progress.advance(text.length() - reported);
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

  /**
   * Finds the first quoting error at or after {@code from} (the start of the last record Commons
   * CSV read): a quoted cell that is never closed, or text between a closing quote and the next
   * delimiter. Outside quotes a quote is an ordinary character, as in Commons CSV.
   */
  static String syntaxError(
      String text,
      int from,
      char delimiter,
      @Nullable List<String> header,
      LineIndex lines,
      String source) {
    int cell = 0;
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && atCellStart(text, from, i, delimiter)) {
        int open = i;
        i = closingQuote(text, i + 1);
        if (i < 0) {
          return where(source, lines.lineOf(open), header, cell)
              + "a quoted cell is not closed (expected: a closing quote before the end of the file;"
              + " a quote inside a quoted cell is written twice: \"\")";
        }
        i++;
        if (i < text.length() && !isEnd(text.charAt(i), delimiter)) {
          return where(source, lines.lineOf(i), header, cell)
              + "text after the closing quote (expected: '"
              + printable(delimiter)
              + "' or the end of the line; a quote inside a quoted cell is written twice: \"\")";
        }
        continue;
      }
      if (c == delimiter) {
        cell++;
      } else if (c == '\n' || c == '\r') {
        cell = 0;
      }
      i++;
    }
    return source
        + " line "
        + lines.lineOf(from)
        + ": not valid CSV (expected: RFC 4180 text, cells separated by '"
        + printable(delimiter)
        + "')";
  }

  private static boolean atCellStart(String text, int from, int i, char delimiter) {
    if (i == from) {
      return true;
    }
    char before = text.charAt(i - 1);
    return before == delimiter || before == '\n' || before == '\r';
  }

  /** The index of the quote that closes a quoted cell whose content starts at {@code i}, or -1. */
  private static int closingQuote(String text, int i) {
    while (i < text.length()) {
      if (text.charAt(i) == '"') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return -1;
  }

  private static boolean isEnd(char c, char delimiter) {
    return c == delimiter || c == '\n' || c == '\r';
  }

  private static String where(String source, int line, @Nullable List<String> header, int cell) {
    String column =
        header != null && cell < header.size()
            ? "column \"" + header.get(cell) + "\""
            : "column " + (cell + 1);
    return source + " line " + line + ", " + column + ": ";
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
  static final class LineIndex {
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
