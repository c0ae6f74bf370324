package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON lines (one flat object per line) into a {@link Table} with Gson's streaming reader;
 * columns in first-seen order. Strings, numbers, booleans and {@code null} are cells; nested
 * objects and lists, duplicate names and anything but one object on a line are refused with the
 * line and, when known, the column.
 */
final class JsonLinesTables {
  private static final String EXPECTED =
      "(expected: one JSON object per line, e.g. {\"Lead Source\": \"Google\", \"Converted\": 1})";

  private JsonLinesTables() {}

  static Table parse(String text, String source, ReadOptions options, Progress progress) {
    Map<String, Integer> columns = new LinkedHashMap<>();
    List<Map<String, @Nullable String>> objects = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String[] split = text.split("\r\n|\n|\r", -1);
    for (int i = 0; i < split.length; i++) {
      progress.advance(split[i].length() + 1);
      if (split[i].isBlank()) {
        continue;
      }
      Map<String, @Nullable String> object = object(split[i], source, i + 1);
      for (String key : object.keySet()) {
        columns.putIfAbsent(key, columns.size());
      }
      objects.add(object);
      lines.add(i + 1);
    }
    List<@Nullable String[]> rows = new ArrayList<>(objects.size());
    for (Map<String, @Nullable String> object : objects) {
      @Nullable String[] row = new String[columns.size()];
      object.forEach(
          (column, cell) -> {
            // The first pass gave every key of every object a column.
            int index = requireNonNull(columns.get(column));
            row[index] = options.isMissing(cell) ? null : cell;
          });
      rows.add(row);
    }
    return new Table(
        source,
        List.copyOf(columns.keySet()),
        rows,
        lines.stream().mapToInt(Integer::intValue).toArray());
  }

  private static Map<String, @Nullable String> object(String text, String source, int line) {
    Map<String, @Nullable String> cells = new LinkedHashMap<>();
    String column = null;
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        throw new InputException(source + " line " + line + ": not a JSON object " + EXPECTED);
      }
      reader.beginObject();
      while (reader.hasNext()) {
        column = null;
        String name = reader.nextName();
        column = name;
        if (cells.containsKey(name)) {
          throw new InputException(at(source, line, name) + "appears twice in the object");
        }
        cells.put(name, cell(reader, source, line, name));
      }
      reader.endObject();
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new InputException(
            source + " line " + line + ": more after the end of the object " + EXPECTED);
      }
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      // Gson's own message names Gson's position on the line; ours names the file's line.
      String where = column == null ? source + " line " + line + ": " : at(source, line, column);
      throw new InputException(where + "not valid JSON " + EXPECTED, e);
    }
    return cells;
  }

  private static @Nullable String cell(JsonReader reader, String source, int line, String column)
      throws IOException {
    return switch (reader.peek()) {
      case NULL -> {
        reader.nextNull();
        yield null;
      }
      case STRING -> reader.nextString();
      case BOOLEAN -> String.valueOf(reader.nextBoolean());
      case NUMBER -> Numbers.format(reader.nextDouble());
      case BEGIN_OBJECT, BEGIN_ARRAY ->
          throw new InputException(
              at(source, line, column)
                  + "an object or list (expected: a string, number, boolean or null)");
      case END_ARRAY, END_OBJECT, NAME, END_DOCUMENT ->
          throw new InputException(at(source, line, column) + "no value " + EXPECTED);
    };
  }

  private static String at(String source, int line, String column) {
    return source + " line " + line + ", column \"" + column + "\": ";
  }
}
