package dev.leadscore.core.internal;

/**
 * How input is shown back in error messages: whole when short, else cut to {@value #MAX_ECHO}
 * characters with an ellipsis and the full length. An error that echoes a 20 KB model name would
 * otherwise outgrow what a client accepts in a status (about 8 KiB of trailers) and lose the error
 * itself.
 */
public final class Echoes {
  /** The most characters of one input shown in a message. */
  public static final int MAX_ECHO = 100;

  private Echoes() {}

  /** {@code input}, or its first {@value #MAX_ECHO} characters, "…" and its length. */
  public static String of(String input) {
    if (input.length() <= MAX_ECHO) {
      return input;
    }
    int end = MAX_ECHO;
    if (Character.isHighSurrogate(input.charAt(end - 1))) {
      end--;
    }
    return input.substring(0, end) + "… (" + input.length() + " characters)";
  }

  /** {@link #of} in double quotes; "missing" for an empty input. */
  public static String quoted(String input) {
    return input.isEmpty() ? "missing" : '"' + of(input) + '"';
  }
}
