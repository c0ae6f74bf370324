package dev.leadscore.core.registry;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.leadscore.core.internal.Echoes;
import dev.leadscore.core.internal.ParseFailures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and writes a model's {@code labels.json}: one JSON object from label to version, e.g.
 * {@code {"stable": 3, "canary": 4}}.
 */
final class LabelFiles {
  /** Label names: lowercase letters, digits, '_' and '-'. */
  static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  static final String FILE_NAME = "labels.json";

  private LabelFiles() {}

  /**
   * @throws IllegalArgumentException naming what is wrong
   */
  static Map<String, Long> parse(byte[] content) {
    Struct.Builder struct = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(new String(content, StandardCharsets.UTF_8), struct);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException("not a JSON object: " + ParseFailures.describe(e), e);
    }
    Map<String, Long> labels = new TreeMap<>();
    for (Map.Entry<String, Value> entry : struct.getFieldsMap().entrySet()) {
      Value value = entry.getValue();
      double number = value.getNumberValue();
      if (!LABEL.matcher(entry.getKey()).matches()
          || value.getKindCase() != Value.KindCase.NUMBER_VALUE
          || number < 1
          || number != Math.rint(number)) {
        throw new IllegalArgumentException(
            "label "
                + Echoes.quoted(entry.getKey())
                + " (expected: a label name mapped to a version >= 1)");
      }
      labels.put(entry.getKey(), (long) number);
    }
    return labels;
  }

  static byte[] print(Map<String, Long> labels) {
    StringBuilder json = new StringBuilder("{");
    String separator = "\n";
    for (Map.Entry<String, Long> entry : new TreeMap<>(labels).entrySet()) {
      // Label names are [a-z0-9_-] only: nothing to escape.
      json.append(separator)
          .append("  \"")
          .append(entry.getKey())
          .append("\": ")
          .append(entry.getValue());
      separator = ",\n";
    }
    return json.append("\n}\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
