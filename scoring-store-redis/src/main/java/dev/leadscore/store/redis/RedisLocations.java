package dev.leadscore.store.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads store locations of the form {@code redis://host:port[,host:port…][?option=value&…]} into a
 * {@link RedisLeadStoreConfig}. The nodes are seeds: any reachable node of the cluster is enough,
 * several make start-up survive one that is down. Options: {@code wait-replicas=N} ({@link
 * RedisLeadStoreConfig#waitReplicas()}) and {@code key-prefix=NAME} ({@link
 * RedisLeadStoreConfig#keyPrefix()}).
 */
final class RedisLocations {
  static final String SCHEME = "redis";
  private static final String FORM = "redis://host:port[,host:port...][?wait-replicas=N]";

  private RedisLocations() {}

  /**
   * @throws IllegalArgumentException naming the location and what was expected
   */
  static RedisLeadStoreConfig parse(String location) {
    String prefix = SCHEME + "://";
    if (!location.toLowerCase(Locale.ROOT).startsWith(prefix)) {
      throw invalid(location, "no " + prefix);
    }
    String rest = location.substring(prefix.length());
    int question = rest.indexOf('?');
    String nodes = question < 0 ? rest : rest.substring(0, question);
    if (nodes.endsWith("/")) {
      nodes = nodes.substring(0, nodes.length() - 1);
    }
    if (nodes.isEmpty()) {
      throw invalid(location, "no node");
    }
    List<String> seeds = new ArrayList<>();
    for (String node : nodes.split(",", -1)) {
      seeds.add(node.trim());
    }
    RedisLeadStoreConfig.Builder config = RedisLeadStoreConfig.builder(seeds);
    if (question >= 0) {
      for (String option : rest.substring(question + 1).split("&", -1)) {
        int equals = option.indexOf('=');
        String name = equals < 0 ? option : option.substring(0, equals);
        String value = equals < 0 ? "" : option.substring(equals + 1);
        switch (name) {
          case "wait-replicas" -> config.waitReplicas(number(location, name, value));
          case "key-prefix" -> config.keyPrefix(value);
          default ->
              throw invalid(
                  location, "unknown option \"" + name + "\" (known: wait-replicas, key-prefix)");
        }
      }
    }
    try {
      return config.build();
    } catch (IllegalArgumentException e) {
      throw invalid(location, String.valueOf(e.getMessage()));
    }
  }

  private static int number(String location, String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(location, name + ": \"" + value + "\" is not a number");
    }
  }

  private static IllegalArgumentException invalid(String location, String problem) {
    return new IllegalArgumentException(
        "store \"" + location + "\": " + problem + " (expected: " + FORM + ")");
  }
}
