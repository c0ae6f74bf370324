package dev.leadscore.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands of a README {@code sh} block split into words as bash would for the forms the README
 * uses: backslash-newline continuations, single and double quotes, backslash escapes in double
 * quotes, {@code $(cat FILE)} (read relative to a base directory) and {@code #} comments.
 */
final class ShellWords {
  private ShellWords() {}

  /** Each command of {@code block}, one list of words per command. */
  static List<List<String>> commands(String block, Path base) {
    List<List<String>> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    while (i < block.length()) {
      char c = block.charAt(i);
      if (c == '\\' && i + 1 < block.length() && block.charAt(i + 1) == '\n') {
        i += 2;
      } else if (c == '\n') {
        word = flush(words, word);
        if (!words.isEmpty()) {
          commands.add(words);
          words = new ArrayList<>();
        }
        i++;
      } else if (c == ' ' || c == '\t') {
        word = flush(words, word);
        i++;
      } else if (c == '#' && word == null) {
        while (i < block.length() && block.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '\'') {
        int end = block.indexOf('\'', i + 1);
        word = append(word, block.substring(i + 1, end));
        i = end + 1;
      } else if (c == '"') {
        StringBuilder quoted = new StringBuilder();
        i = doubleQuoted(block, i + 1, quoted, base);
        word = append(word, quoted.toString());
      } else {
        word = append(word, String.valueOf(c));
        i++;
      }
    }
    word = flush(words, word);
    if (!words.isEmpty()) {
      commands.add(words);
    }
    return commands;
  }

  /** Reads up to the closing quote; returns the index after it. */
  private static int doubleQuoted(String block, int i, StringBuilder out, Path base) {
    while (block.charAt(i) != '"') {
      char c = block.charAt(i);
      if (c == '\\' && "\"\\$`".indexOf(block.charAt(i + 1)) >= 0) {
        out.append(block.charAt(i + 1));
        i += 2;
      } else if (block.startsWith("$(cat ", i)) {
        int end = block.indexOf(')', i);
        out.append(read(base.resolve(block.substring(i + 6, end).trim())));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return i + 1;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new AssertionError("$(cat " + file + "): " + e.getMessage(), e);
    }
  }

  private static StringBuilder append(StringBuilder word, String text) {
    return (word == null ? new StringBuilder() : word).append(text);
  }

  private static StringBuilder flush(List<String> words, StringBuilder word) {
    if (word != null) {
      words.add(word.toString());
    }
    return null;
  }
}
