package dev.leadscore.core.registry;

import com.google.common.hash.Hashing;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ScoringModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the bytes of a version file into a {@link ModelVersion}, valid or failed. */
final class VersionFiles {
  /**
   * The highest version a model can have. Bounded so that a file named with a huge number cannot
   * take the model to the end of the number range (its next publish would overflow), and so that
   * every version's file name is short.
   */
  static final long MAX_VERSION = 999_999_999L;

  /** Value of {@link #version} for a name of digits that is not a valid version. */
  static final long OUT_OF_RANGE = -1;

  private static final Pattern DIGITS_FILE = Pattern.compile("([0-9]+)\\.json");

  private VersionFiles() {}

  /**
   * The version a file name stands for; 0 if it is not a version file ({@code labels.json}); {@link
   * #OUT_OF_RANGE} for digits that are not a version from 1 to {@link #MAX_VERSION} without leading
   * zeros.
   */
  static long version(String fileName) {
    Matcher matcher = DIGITS_FILE.matcher(fileName);
    if (!matcher.matches()) {
      return 0;
    }
    String digits = matcher.group(1);
    if (digits.charAt(0) == '0' || digits.length() > 9) {
      return OUT_OF_RANGE;
    }
    return Long.parseLong(digits);
  }

  /** Why a file named with digits is not a version file, for the model's problems. */
  static String outOfRange(String fileName) {
    return fileName
        + ": not a version file, ignored (expected: <version>.json, a version from 1 to "
        + MAX_VERSION
        + " without leading zeros)";
  }

  static String fileName(long version) {
    return version + ".json";
  }

  static String checksum(byte[] content) {
    return "sha256:" + Hashing.sha256().hashBytes(content);
  }

  /** Parses and compiles a version file; a failure gives a {@link ModelVersion.State#FAILED}. */
  static ModelVersion read(
      ModelCompiler compiler,
      String name,
      long version,
      byte[] content,
      Instant created,
      boolean builtin,
      String source) {
    String checksum = checksum(content);
    try {
      ScoringModel document =
          ModelDocuments.parseStored(new String(content, StandardCharsets.UTF_8), source);
      if (!document.getName().equals(name)) {
        return failed(
            name,
            version,
            created,
            checksum,
            builtin,
            List.of(
                "name: \""
                    + document.getName()
                    + "\" (expected: \""
                    + name
                    + "\", the name of its folder)"));
      }
      compiler.compile(document, version);
      return new ModelVersion(
          name, version, ModelVersion.State.VALID, created, checksum, List.of(), builtin, document);
    } catch (ScoringException e) {
      List<String> problems =
          e.violations().isEmpty()
              ? List.of(e.getMessage())
              : e.violations().stream().map(FieldViolation::toString).toList();
      return failed(name, version, created, checksum, builtin, problems);
    }
  }

  /** A version whose file was not read, with the reason. */
  static ModelVersion unreadable(String name, long version, Instant created, String reason) {
    return failed(name, version, created, "", false, List.of(reason));
  }

  private static ModelVersion failed(
      String name,
      long version,
      Instant created,
      String checksum,
      boolean builtin,
      List<String> problems) {
    return new ModelVersion(
        name, version, ModelVersion.State.FAILED, created, checksum, problems, builtin, null);
  }
}
