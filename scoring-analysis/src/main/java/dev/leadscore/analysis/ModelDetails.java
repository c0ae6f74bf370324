package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.proto.v1.ScoringModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which model a report is about: its document (name, description, criteria, bands) and, when known,
 * its version, date and file name. Immutable.
 *
 * @param document the model document as written
 * @param version the version, from a repository file name such as {@code models/x/2.json}; {@code
 *     null} when unknown
 * @param date when the model was fitted, or its file last modified; {@code null} when unknown
 * @param file the model file's name (never its directory), {@code null} when not from a file
 */
public record ModelDetails(
    ScoringModel document, @Nullable Long version, @Nullable Instant date, @Nullable String file) {
  private static final Pattern VERSION_FILE = Pattern.compile("([1-9][0-9]{0,17})\\.json");

  public ModelDetails {
    requireNonNull(document, "document");
  }

  /** A model known by its document only. */
  public static ModelDetails of(ScoringModel document) {
    return new ModelDetails(document, null, null, null);
  }

  /**
   * A model read from {@code file}: the version is the file's number in a model repository ({@code
   * <name>/<version>.json}), the date the file's last modification.
   */
  public static ModelDetails ofFile(ScoringModel document, Path file) {
    requireNonNull(file, "file");
    Path name = file.getFileName();
    String fileName = name == null ? file.toString() : name.toString();
    Matcher matcher = VERSION_FILE.matcher(fileName);
    Instant modified;
    try {
      modified = Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      modified = null;
    }
    return new ModelDetails(
        document, matcher.matches() ? Long.parseLong(matcher.group(1)) : null, modified, fileName);
  }

  /** The model's name. */
  public String name() {
    return document.getName();
  }
}
