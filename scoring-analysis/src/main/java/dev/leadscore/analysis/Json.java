package dev.leadscore.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A minimal streaming JSON writer for reports: objects, arrays, strings, numbers (non-finite
 * numbers become {@code null}) and booleans, pretty-printed with two spaces.
 */
final class Json {
  private static final MathContext SIGNIFICANT = new MathContext(6);

  private final StringBuilder out = new StringBuilder();
  private int depth;
  private boolean first = true;
  private boolean afterName;

  Json beginObject() {
    value();
    out.append('{');
    depth++;
    first = true;
    return this;
  }

  Json endObject() {
    return end('}');
  }

  Json beginArray() {
    value();
    out.append('[');
    depth++;
    first = true;
    return this;
  }

  Json endArray() {
    return end(']');
  }

  Json name(String name) {
    separator();
    string(name);
    out.append(": ");
    afterName = true;
    return this;
  }

  Json value(String value) {
    value();
    string(value);
    return this;
  }

  Json value(double value) {
    value();
    if (!Double.isFinite(value)) {
      out.append("null");
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros();
      out.append(Math.abs(value) >= 1e-4 ? rounded.toPlainString() : rounded.toString());
    }
    return this;
  }

  Json value(boolean value) {
    value();
    out.append(value);
    return this;
  }

  Json field(String name, String value) {
    return name(name).value(value);
  }

  Json field(String name, double value) {
    return name(name).value(value);
  }

  @Override
  public String toString() {
    return out + "\n";
  }

  /** Before a value: a comma and indentation in an array, nothing right after a name. */
  private void value() {
    if (afterName) {
      afterName = false;
      return;
    }
    separator();
  }

  private void separator() {
    if (depth > 0) {
      out.append(first ? "\n" : ",\n").append("  ".repeat(depth));
    }
    first = false;
  }

  private Json end(char close) {
    depth--;
    if (!first) {
      out.append('\n').append("  ".repeat(depth));
    }
    out.append(close);
    first = false;
    return this;
  }

  private void string(String value) {
    out.append(quote(value));
  }

  /** A JSON string literal. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
