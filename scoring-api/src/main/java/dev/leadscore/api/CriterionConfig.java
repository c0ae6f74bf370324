package dev.leadscore.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Typed, validating access to one criterion's configuration (a JSON object), with the path of each
 * value so problems can name it, e.g. {@code criteria[3].config.cases[1].min}.
 *
 * <p>Values are what JSON gives: {@link String}, {@link Double}, {@link Boolean}, {@link List},
 * {@link Map} and {@code null}. The required getters report a missing or mistyped value as a
 * problem and return a neutral value ({@code ""}, {@code 0}, an empty list), so a factory can read
 * the whole configuration and report every problem in one pass. A factory may also report warnings:
 * valid settings that probably do not do what their author meant. Problems make a model invalid;
 * warnings are shown beside them and never do. Children share their parent's problem and warning
 * lists.
 *
 * <p>Not thread-safe: a factory uses it from one thread during {@link CriterionFactory#create}.
 *
 * @since 0.1
 */
public final class CriterionConfig {

  private final String path;
  private final Map<String, @Nullable Object> values;
  private final List<ConfigProblem> problems;
  private final List<ConfigProblem> warnings;

  private CriterionConfig(
      String path,
      Map<String, @Nullable Object> values,
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings) {
    this.path = path;
    this.values = values;
    this.problems = problems;
    this.warnings = warnings;
  }

  /**
   * A configuration at {@code path} with its own, empty problem and warning lists.
   *
   * @param path the path of this object in its model, e.g. {@code criteria[0].config}
   * @param values the JSON object, as plain Java values
   */
  public static CriterionConfig of(String path, Map<String, ?> values) {
    requireNonNull(path, "path");
    requireNonNull(values, "values");
    return new CriterionConfig(
        path,
        Collections.unmodifiableMap(new LinkedHashMap<>(values)),
        new ArrayList<>(),
        new ArrayList<>());
  }

  /** The path of this object, e.g. {@code criteria[0].config}. */
  public String path() {
    return path;
  }

  /** The path of one of this object's fields. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Every problem reported so far, through this object or any object it shares a list with. */
  public List<ConfigProblem> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** Whether the field is present and not {@code null}. */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** The field names present. */
  public Set<String> keys() {
    return values.keySet();
  }

  /** Reports a problem with one field. */
  public void problem(String key, String message) {
    problems.add(new ConfigProblem(pathOf(key), message));
  }

  /** Reports a problem with this object as a whole. */
  public void problem(String message) {
    problems.add(new ConfigProblem(path, message));
  }

  /**
   * Reports a warning about one field: its value is valid, but probably not what the model's author
   * meant, e.g. a short substring that also matches inside other words. Warnings never make a model
   * invalid; validation lists them with their paths beside the problems.
   *
   * @param key the field, or a list element such as {@code contains[1]}
   * @param message what is doubtful and what to write instead, in the form of a problem: {@code
   *     "cto" is 3 letters and matches inside words such as "director" (expected: ...)}
   * @since 0.2
   */
  public void warning(String key, String message) {
    warnings.add(new ConfigProblem(pathOf(key), message));
  }

  /**
   * Reports a warning about this object as a whole; see {@link #warning(String, String)}.
   *
   * @since 0.2
   */
  public void warning(String message) {
    warnings.add(new ConfigProblem(path, message));
  }

  /**
   * Every warning reported so far, through this object or any object it shares a list with.
   *
   * @since 0.2
   */
  public List<ConfigProblem> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /** Reports every field that is not one of {@code allowed}: a misspelt field is a problem. */
  public void allowOnly(String... allowed) {
    Set<String> known = Set.of(allowed);
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        problem(key, "unknown field (expected one of: " + String.join(", ", sorted(allowed)) + ")");
      }
    }
  }

  /** A required string; reports it missing, mistyped or empty and returns {@code ""}. */
  public String string(String key) {
    Object value = values.get(key);
    if (value instanceof String s && !s.isEmpty()) {
      return s;
    }
    problem(key, describe(value) + " (expected: a non-empty string)");
    return "";
  }

  /** An optional string; reports it mistyped and returns {@code null} when absent. */
  public @Nullable String optionalString(String key) {
    Object value = values.get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    problem(key, describe(value) + " (expected: a string)");
    return null;
  }

  /** A required finite number; reports it missing or mistyped and returns 0. */
  public double number(String key) {
    Object value = values.get(key);
    if (value instanceof Double d && Double.isFinite(d)) {
      return d;
    }
    problem(key, describe(value) + " (expected: a number)");
    return 0;
  }

  /** An optional finite number, {@code defaultValue} when absent; reports it mistyped. */
  public double number(String key, double defaultValue) {
    return values.get(key) == null ? defaultValue : number(key);
  }

  /** An optional boolean, {@code defaultValue} when absent; reports it mistyped. */
  public boolean bool(String key, boolean defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    problem(key, describe(value) + " (expected: true or false)");
    return defaultValue;
  }

  /**
   * A required, non-empty list of non-empty strings; reports each bad element by its index and
   * returns the good ones.
   */
  public List<String> stringList(String key) {
    Object value = values.get(key);
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      problem(key, describe(value) + " (expected: a non-empty list of strings)");
      return List.of();
    }
    List<String> result = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof String s && !s.isEmpty()) {
        result.add(s);
      } else {
        problem(key + "[" + i + "]", describe(list.get(i)) + " (expected: a non-empty string)");
      }
    }
    return List.copyOf(result);
  }

  /** A required, non-empty list of objects; reports each non-object element by its index. */
  public List<CriterionConfig> objectList(String key) {
    Object value = values.get(key);
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      problem(key, describe(value) + " (expected: a non-empty list of objects)");
      return List.of();
    }
    List<CriterionConfig> result = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String elementKey = key + "[" + i + "]";
      if (list.get(i) instanceof Map<?, ?> map) {
        result.add(child(elementKey, map));
      } else {
        problem(elementKey, describe(list.get(i)) + " (expected: an object)");
      }
    }
    return List.copyOf(result);
  }

  /** An optional object; reports it mistyped. */
  public Optional<CriterionConfig> object(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> map) {
      return Optional.of(child(key, map));
    }
    problem(key, describe(value) + " (expected: an object)");
    return Optional.empty();
  }

  /** The raw value of a field, {@code null} when absent: for types the getters do not cover. */
  public @Nullable Object raw(String key) {
    return values.get(key);
  }

  private CriterionConfig child(String key, Map<?, ?> map) {
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return new CriterionConfig(pathOf(key), Collections.unmodifiableMap(copy), problems, warnings);
  }

  /** Describes a JSON value for a message: {@code missing}, {@code "abc"}, {@code 3}, a list. */
  static String describe(@Nullable Object value) {
    if (value == null) {
      return "missing";
    }
    if (value instanceof String s) {
      // Cut like every echo of input in an error: a model may carry strings of any length.
      return s.isEmpty()
          ? "empty string"
          : s.length() <= 100
              ? '"' + s + '"'
              : '"' + s.substring(0, 100) + "… (" + s.length() + " characters)\"";
    }
    if (value instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    return value.getClass().getSimpleName();
  }

  private static List<String> sorted(String... names) {
    List<String> list = Arrays.asList(names.clone());
    return List.copyOf(new TreeSet<>(list));
  }
}
