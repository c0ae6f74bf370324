package dev.leadscore.core.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import dev.leadscore.core.FieldViolation;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Lists every problem of a JSON document against a message type: syntax, unknown fields, values of
 * the wrong JSON type, two members of one {@code oneof}. Protobuf's own parser stops at the first
 * problem and words it in its own terms; a user fixing a model file wants them all at once, with
 * their paths, as the compiler lists the problems of a well-formed model.
 *
 * <p>This is a check, not the parser: {@link ModelDocuments} still parses with {@code JsonFormat},
 * so what is accepted stays exactly protobuf's canonical JSON mapping. The check runs only once the
 * parser has refused a document (never on the serving path), and if it finds nothing the parser's
 * own message is reported.
 */
final class JsonDocumentCheck {
  private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

  private final List<FieldViolation> violations = new ArrayList<>();

  private JsonDocumentCheck() {}

  /** Every problem of {@code json} read as a {@code type}; empty when none was found. */
  static List<FieldViolation> problems(String json, Descriptor type) {
    JsonDocumentCheck check = new JsonDocumentCheck();
    JsonElement root;
    try {
      JsonReader reader = new JsonReader(new StringReader(json));
      reader.setStrictness(Strictness.STRICT);
      root = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        return List.of(new FieldViolation("", "more than one JSON value (expected: one object)"));
      }
    } catch (JsonParseException | IOException | IllegalStateException e) {
      return List.of(new FieldViolation("", syntax(e)));
    }
    check.message("", root, type);
    return List.copyOf(check.violations);
  }

  /** "not valid JSON at line 2, column 13" from Gson's message, which has a link and a path. */
  private static String syntax(Exception e) {
    String message = String.valueOf(e.getMessage());
    Matcher position = POSITION.matcher(message);
    if (message.contains("End of input")) {
      return "not valid JSON: the document ends too early"
          + (position.find() ? " (line " + position.group(1) + ")" : "")
          + " (expected: a complete JSON object)";
    }
    return position.find()
        ? "not valid JSON at line " + position.group(1) + ", column " + position.group(2)
        : "not valid JSON (expected: a JSON object)";
  }

  private void message(String path, JsonElement json, Descriptor type) {
    if (json.isJsonNull()) {
      return;
    }
    if (type.getFullName().equals("google.protobuf.Struct")) {
      expect(path, json, json.isJsonObject(), "an object");
      return;
    }
    if (type.getFullName().equals("google.protobuf.Value")) {
      return;
    }
    if (type.getFullName().equals("google.protobuf.ListValue")) {
      expect(path, json, json.isJsonArray(), "an array");
      return;
    }
    if (!expect(path, json, json.isJsonObject(), "an object")) {
      return;
    }
    Map<OneofDescriptor, String> oneofs = new HashMap<>();
    for (Map.Entry<String, JsonElement> member : json.getAsJsonObject().entrySet()) {
      String name = member.getKey();
      String memberPath = path.isEmpty() ? name : path + "." + name;
      FieldDescriptor field = field(type, name);
      if (field == null) {
        violations.add(
            new FieldViolation(
                memberPath,
                "unknown field (expected one of: "
                    + type.getFields().stream()
                        .map(FieldDescriptor::getName)
                        .collect(Collectors.joining(", "))
                    + ")"));
        continue;
      }
      OneofDescriptor oneof = field.getRealContainingOneof();
      if (oneof != null && !member.getValue().isJsonNull()) {
        String earlier = oneofs.putIfAbsent(oneof, name);
        if (earlier != null) {
          violations.add(
              new FieldViolation(
                  memberPath,
                  "set together with "
                      + earlier
                      + " (expected: one of "
                      + oneof.getFields().stream()
                          .map(FieldDescriptor::getName)
                          .collect(Collectors.joining(", "))
                      + ")"));
        }
      }
      field(memberPath, member.getValue(), field);
    }
  }

  private static @Nullable FieldDescriptor field(Descriptor type, String name) {
    FieldDescriptor field = type.findFieldByName(name);
    if (field != null) {
      return field;
    }
    for (FieldDescriptor candidate : type.getFields()) {
      if (candidate.getJsonName().equals(name)) {
        return candidate;
      }
    }
    return null;
  }

  private void field(String path, JsonElement json, FieldDescriptor field) {
    if (json.isJsonNull()) {
      return;
    }
    if (field.isMapField()) {
      if (expect(path, json, json.isJsonObject(), "an object")) {
        FieldDescriptor value = field.getMessageType().findFieldByName("value");
        json.getAsJsonObject()
            .entrySet()
            .forEach(e -> single(path + "." + e.getKey(), e.getValue(), value));
      }
    } else if (field.isRepeated()) {
      if (expect(path, json, json.isJsonArray(), "an array")) {
        JsonArray array = json.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
          single(path + "[" + i + "]", array.get(i), field);
        }
      }
    } else {
      single(path, json, field);
    }
  }

  /** One value of a field: the field itself, an element of a list or a value of a map. */
  private void single(String path, JsonElement json, FieldDescriptor field) {
    switch (field.getJavaType()) {
      case MESSAGE -> message(path, json, field.getMessageType());
      case STRING -> expect(path, json, isString(json), "a string");
      case BOOLEAN -> expect(path, json, isBoolean(json), "true or false");
      case INT, LONG -> expect(path, json, isInteger(json), "a whole number");
      case FLOAT, DOUBLE -> expect(path, json, isNumber(json), "a number");
      case BYTE_STRING -> expect(path, json, isString(json), "a base64 string");
      case ENUM -> expect(path, json, isEnum(json, field), "one of " + enumNames(field));
    }
  }

  private boolean expect(String path, JsonElement json, boolean ok, String expected) {
    if (!ok) {
      violations.add(new FieldViolation(path, shown(json) + " (expected: " + expected + ")"));
    }
    return ok;
  }

  private static String shown(JsonElement json) {
    if (json.isJsonObject()) {
      return "an object";
    }
    if (json.isJsonArray()) {
      return "an array";
    }
    String text = json.toString();
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  private static boolean isString(JsonElement json) {
    return json.isJsonPrimitive() && json.getAsJsonPrimitive().isString();
  }

  private static boolean isBoolean(JsonElement json) {
    return json.isJsonPrimitive() && json.getAsJsonPrimitive().isBoolean();
  }

  /** A number, or a string holding one, as protobuf's JSON mapping allows. */
  private static boolean isNumber(JsonElement json) {
    if (!json.isJsonPrimitive() || json.getAsJsonPrimitive().isBoolean()) {
      return false;
    }
    JsonPrimitive value = json.getAsJsonPrimitive();
    if (value.isNumber()) {
      return true;
    }
    String text = value.getAsString();
    if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
      return true;
    }
    try {
      new BigDecimal(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isInteger(JsonElement json) {
    if (!isNumber(json)) {
      return false;
    }
    try {
      new BigDecimal(json.getAsString()).toBigIntegerExact();
      return true;
    } catch (ArithmeticException | NumberFormatException e) {
      return false;
    }
  }

  private static boolean isEnum(JsonElement json, FieldDescriptor field) {
    if (isInteger(json)) {
      return true;
    }
    return isString(json) && field.getEnumType().findValueByName(json.getAsString()) != null;
  }

  private static String enumNames(FieldDescriptor field) {
    return field.getEnumType().getValues().stream()
        .map(EnumValueDescriptor::getName)
        .collect(Collectors.joining(", "));
  }
}
