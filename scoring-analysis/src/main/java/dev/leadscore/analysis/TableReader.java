package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads lead tables from CSV files (any line endings, quoted fields, a header row; the delimiter
 * detected or given) and from JSON-lines files (one object per line; chosen by the {@code .jsonl}
 * or {@code .ndjson} extension or a first character {@code '{'}). Cells that are empty or one of
 * the configured placeholders become missing.
 *
 * <p>Every problem is an {@link InputException} with a one-line message naming the file and, where
 * it applies, the line and the column: a missing or unreadable file, a file over {@link
 * #MAX_BYTES}, text that is not UTF-8, CSV or JSON syntax, rows of the wrong length.
 */
public final class TableReader {
  /** The largest file read: the whole table is held in memory, about twice its size. */
  public static final long MAX_BYTES = 1L << 30;

  private TableReader() {}

  /**
   * Reads a whole file.
   *
   * @throws InputException naming the file and, where it applies, the line and the column
   */
  public static Table read(Path file, ReadOptions options) {
    return read(file, options, Progress.none());
  }

  /**
   * Reads a whole file, reporting progress as its rows are parsed.
   *
   * @throws InputException naming the file and, where it applies, the line and the column
   */
  public static Table read(Path file, ReadOptions options, Progress progress) {
    requireNonNull(file, "file");
    requireNonNull(options, "options");
    requireNonNull(progress, "progress");
    String source = file.toString();
    byte[] bytes = bytes(file, source);
    return parse(decode(bytes, source), source, options, progress);
  }

  /** Parses table text; {@code source} names it in messages. */
  public static Table parse(String text, String source, ReadOptions options) {
    return parse(text, source, options, Progress.none());
  }

  /** Parses table text, reporting progress; {@code source} names it in messages. */
  public static Table parse(String text, String source, ReadOptions options, Progress progress) {
    requireNonNull(text, "text");
    requireNonNull(source, "source");
    requireNonNull(options, "options");
    requireNonNull(progress, "progress");
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String lower = source.toLowerCase(Locale.ROOT);
    boolean jsonLines =
        lower.endsWith(".jsonl")
            || lower.endsWith(".ndjson")
            || content.stripLeading().startsWith("{");
    progress.start("reading " + FileNames.of(source), content.length());
    Table table =
        jsonLines
            ? JsonLinesTables.parse(content, source, options, progress)
            : CsvTables.parse(content, source, options, progress);
    progress.finish();
    return table;
  }

  private static byte[] bytes(Path file, String source) {
    try {
      if (Files.isDirectory(file)) {
        throw new InputException(source + ": a directory (expected: a CSV or JSON-lines file)");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new InputException(
            String.format(
                Locale.ROOT,
                "%s: %.1f GiB (expected: at most %d GiB; split the file)",
                source,
                size / (double) (1L << 30),
                MAX_BYTES >> 30));
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(source + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new InputException(source + ": not readable (permission denied)", e);
    } catch (FileSystemException e) {
      String reason = e.getReason();
      throw new InputException(
          source + ": cannot be read" + (reason == null ? "" : " (" + reason + ")"), e);
    } catch (IOException e) {
      String reason = e.getMessage();
      throw new InputException(
          source + ": cannot be read" + (reason == null ? "" : " (" + reason + ")"), e);
    }
  }

  /** Strict UTF-8: a byte sequence that is not UTF-8 is named by its line. */
  private static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        boolean end =
            bytes[i] == '\n'
                || (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'));
        line += end ? 1 : 0;
      }
      throw new InputException(
          source
              + " line "
              + line
              + ": not UTF-8 text (expected: a UTF-8 CSV or JSON-lines file; save it as UTF-8)");
    }
    return out.flip().toString();
  }
}
