package dev.leadscore.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option values from the environment and an optional properties file, below the command line:
 * picocli asks this provider for every option the command line did not set, and falls back to the
 * option's own default when it answers {@code null}. So the precedence is flag, then environment
 * variable, then file, then default.
 *
 * <p>Option {@code --metrics-port} is read from {@code LEADSCORE_METRICS_PORT}, then from key
 * {@code metrics-port} of the file named by {@code --config FILE} (or {@code LEADSCORE_CONFIG}).
 */
final class ConfigDefaults implements IDefaultValueProvider {
  static final String ENV_PREFIX = "LEADSCORE_";
  static final String CONFIG_OPTION = "--config";

  private final Map<String, String> env;
  private final Properties file;
  private final @Nullable Path source;

  private ConfigDefaults(Map<String, String> env, Properties file, @Nullable Path source) {
    this.env = env;
    this.file = file;
    this.source = source;
  }

  /**
   * Reads the file named by {@code --config} in {@code args}, else by {@code LEADSCORE_CONFIG}.
   *
   * @throws IllegalArgumentException if that file cannot be read
   */
  static ConfigDefaults load(String[] args, Map<String, String> env) {
    requireNonNull(args, "args");
    requireNonNull(env, "env");
    String name = configArgument(args);
    if (name == null) {
      name = env.get(ENV_PREFIX + "CONFIG");
    }
    Properties properties = new Properties();
    if (name == null || name.isEmpty()) {
      return new ConfigDefaults(Map.copyOf(env), properties, null);
    }
    Path path = Path.of(name);
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "config file " + path + " cannot be read: " + FileErrors.reason(e), e);
    }
    return new ConfigDefaults(Map.copyOf(env), properties, path);
  }

  private static @Nullable String configArgument(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(CONFIG_OPTION) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith(CONFIG_OPTION + "=")) {
        return args[i].substring(CONFIG_OPTION.length() + 1);
      }
    }
    return null;
  }

  /** The environment variable that sets {@code --some-option}: {@code LEADSCORE_SOME_OPTION}. */
  static String envName(String option) {
    return ENV_PREFIX + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String key(String option) {
    return option.replaceFirst("^-+", "");
  }

  @Override
  public @Nullable String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String fromEnv = env.get(envName(option.longestName()));
    if (fromEnv != null) {
      return fromEnv;
    }
    return file.getProperty(key(option.longestName()));
  }

  /**
   * The keys of the file that name no option of {@code command}, sorted; a typo must not silently
   * leave a setting at its default.
   */
  List<String> unknownKeys(CommandSpec command) {
    Set<String> known = new TreeSet<>();
    command.options().forEach(o -> known.add(key(o.longestName())));
    List<String> unknown = new ArrayList<>();
    for (String name : new TreeSet<>(file.stringPropertyNames())) {
      if (!known.contains(name)) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  /** Where settings came from, for the start-up log. */
  String describe() {
    return source == null ? "flags, environment" : "flags, environment, file " + source;
  }
}
