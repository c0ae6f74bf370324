package dev.leadscore.core.lead;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.leadscore.api.AttributeType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Conversions between {@code google.protobuf.Value} and plain Java values. */
public final class Values {
  /** The plain-Java stand-in for an explicit JSON null. */
  public static final Object NULL = NullValue.NULL_VALUE;

  private Values() {}

  /** The kind of a value; {@code null} (absent) is {@link AttributeType#MISSING}. */
  public static AttributeType typeOf(@Nullable Value value) {
    if (value == null) {
      return AttributeType.MISSING;
    }
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> AttributeType.NULL;
      case NUMBER_VALUE -> AttributeType.NUMBER;
      case STRING_VALUE -> AttributeType.STRING;
      case BOOL_VALUE -> AttributeType.BOOLEAN;
      case STRUCT_VALUE -> AttributeType.OBJECT;
      case LIST_VALUE -> AttributeType.LIST;
    };
  }

  /** A value as plain Java: String, Double, Boolean, List, Map or {@link #NULL}. */
  public static Object toJava(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> NULL;
      case NUMBER_VALUE -> value.getNumberValue();
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case STRUCT_VALUE -> toJava(value.getStructValue());
      case LIST_VALUE -> toJava(value.getListValue());
    };
  }

  /** A struct as an unmodifiable, ordered map of plain Java values. */
  public static Map<String, Object> toJava(Struct struct) {
    Map<String, Object> map = new LinkedHashMap<>(struct.getFieldsCount() * 2);
    struct.getFieldsMap().forEach((key, value) -> map.put(key, toJava(value)));
    return Collections.unmodifiableMap(map);
  }

  /** A struct as a map for configuration readers: JSON null becomes Java {@code null}. */
  public static Map<String, @Nullable Object> toConfig(Struct struct) {
    Map<String, @Nullable Object> map = new LinkedHashMap<>(struct.getFieldsCount() * 2);
    struct.getFieldsMap().forEach((key, value) -> map.put(key, toConfig(value)));
    return Collections.unmodifiableMap(map);
  }

  private static @Nullable Object toConfig(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case NUMBER_VALUE -> value.getNumberValue();
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case STRUCT_VALUE -> toConfig(value.getStructValue());
      case LIST_VALUE -> {
        List<@Nullable Object> list = new ArrayList<>(value.getListValue().getValuesCount());
        for (Value element : value.getListValue().getValuesList()) {
          list.add(toConfig(element));
        }
        yield Collections.unmodifiableList(list);
      }
    };
  }

  private static List<Object> toJava(ListValue list) {
    List<Object> values = new ArrayList<>(list.getValuesCount());
    for (Value element : list.getValuesList()) {
      values.add(toJava(element));
    }
    return Collections.unmodifiableList(values);
  }
}
