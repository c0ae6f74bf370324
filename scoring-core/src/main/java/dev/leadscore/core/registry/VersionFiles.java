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
  private static final Pattern VERSION_FILE = Pattern.compile("([1-9][0-9]{0,17})\\.json");

  private VersionFiles() {}

  /** The version a file name stands for, or 0 if it is not a version file. */
  static long version(String fileName) {
    Matcher matcher = VERSION_FILE.matcher(fileName);
    return matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
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
          ModelDocuments.parse(new String(content, StandardCharsets.UTF_8), source);
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
