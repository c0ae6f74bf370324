package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON lines (one flat object per line) into a {@link Table}; columns in first-seen order.
 */
final class JsonLinesTables {
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private JsonLinesTables() {}

  static Table parse(String text, String source, ReadOptions options) {
    Map<String, Integer> columns = new LinkedHashMap<>();
    List<Map<String, Value>> objects = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String[] split = text.split("\r\n|\n|\r", -1);
    for (int i = 0; i < split.length; i++) {
      if (split[i].isBlank()) {
        continue;
      }
      Struct.Builder struct = Struct.newBuilder();
      try {
        PARSER.merge(split[i], struct);
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        throw new InputException(
            source + " line " + (i + 1) + ": not a JSON object (" + e.getMessage() + ")");
      }
      for (String key : struct.getFieldsMap().keySet()) {
        columns.putIfAbsent(key, columns.size());
      }
      objects.add(struct.getFieldsMap());
      lines.add(i + 1);
    }
    List<@Nullable String[]> rows = new ArrayList<>(objects.size());
    for (int r = 0; r < objects.size(); r++) {
      @Nullable String[] row = new String[columns.size()];
      for (Map.Entry<String, Value> field : objects.get(r).entrySet()) {
        String cell = cell(field.getValue(), source, lines.get(r), field.getKey());
        // The first pass gave every key of every object a column.
        int column = requireNonNull(columns.get(field.getKey()));
        row[column] = options.isMissing(cell) ? null : cell;
      }
      rows.add(row);
    }
    return new Table(
        source,
        List.copyOf(columns.keySet()),
        rows,
        lines.stream().mapToInt(Integer::intValue).toArray());
  }

  private static @Nullable String cell(Value value, String source, int line, String column) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> String.valueOf(value.getBoolValue());
      case NUMBER_VALUE -> Numbers.format(value.getNumberValue());
      case STRUCT_VALUE, LIST_VALUE ->
          throw new InputException(
              source
                  + " line "
                  + line
                  + ", column \""
                  + column
                  + "\": an object or list (expected: a string, number, boolean or null)");
    };
  }
}
