package dev.leadscore.core.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Describes why a JSON document did not parse, for error messages that users see: the kind of
 * problem and where, never the parser's exception class names and never the document's content (a
 * model file may be a link to a file the caller should not read). Protobuf's JSON parser puts both
 * in its messages ({@code java.io.EOFException: End of input at line 1 column 2}, {@code Expect
 * message object but got: "root:x:0:0"}); this keeps what is safe.
 */
public final class ParseFailures {
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*|$)");
  private static final Pattern POSITION = Pattern.compile("at line (\\d+) column (\\d+)");
  private static final Pattern EXPECTED = Pattern.compile("^(Expect(?:ed)? .*?) but (?:got|found)");
  private static final Pattern NOT_A_VALUE = Pattern.compile("^(Not an? [\\w ]+? value):");
  private static final Pattern UNKNOWN_FIELD =
      Pattern.compile("^Cannot find field: (.*) in message ([\\w.]+)$");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Pattern QUOTED_OR_JSON = Pattern.compile(":\\s*[\"\\[{].*$");

  private ParseFailures() {}

  /** What went wrong, safe to show; {@code failure}'s message is the parser's. */
  public static String describe(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
    Matcher prefix = CLASS_PREFIX.matcher(message);
    while (prefix.find()) {
      message = message.substring(prefix.end());
      prefix = CLASS_PREFIX.matcher(message);
    }
    Matcher position = POSITION.matcher(message);
    if (position.find()) {
      return "not valid JSON at line " + position.group(1) + " column " + position.group(2);
    }
    Matcher expected = EXPECTED.matcher(message);
    if (expected.find()) {
      return expected.group(1);
    }
    Matcher notAValue = NOT_A_VALUE.matcher(message);
    if (notAValue.find()) {
      return notAValue.group(1);
    }
    Matcher unknown = UNKNOWN_FIELD.matcher(message);
    if (unknown.matches()) {
      return IDENTIFIER.matcher(unknown.group(1)).matches()
          ? "unknown field " + unknown.group(1) + " in " + unknown.group(2)
          : "unknown field in " + unknown.group(2);
    }
    String safe = QUOTED_OR_JSON.matcher(message).replaceFirst("");
    return safe.isEmpty() ? "not valid JSON" : Echoes.of(safe);
  }
}
