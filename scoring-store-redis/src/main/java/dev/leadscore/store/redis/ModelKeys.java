package dev.leadscore.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The key layout of the model store. Every key shares the hash tag {@code {prefix:models}}, so all
 * models live on one slot and one script can check and change any of them atomically; model writes
 * are rare and small, so one slot (one primary) is plenty.
 *
 * <pre>
 * {prefix:models}:token             random token of the newest write to any model
 * {prefix:models}:tokens            hash model name -> token of its newest write
 * {prefix:models}:versions:NAME     hash version -> ModelVersionRecord (immutable, 1..n)
 * {prefix:models}:labels:NAME       hash label -> version
 * {prefix:models}:experiment:NAME   Experiment bytes
 * </pre>
 *
 * Tokens rather than a counter: after a failover that lost writes a counter can count back up to a
 * value a replica already saw and hide a change; a random token per write never repeats.
 */
final class ModelKeys {
  private final String prefix;

  ModelKeys(String keyPrefix) {
    this.prefix = "{" + keyPrefix + ":models}:";
  }

  byte[] token() {
    return bytes("token");
  }

  byte[] tokens() {
    return bytes("tokens");
  }

  byte[] versions(String model) {
    return bytes("versions:" + model);
  }

  byte[] labels(String model) {
    return bytes("labels:" + model);
  }

  byte[] experiment(String model) {
    return bytes("experiment:" + model);
  }

  private byte[] bytes(String key) {
    return (prefix + key).getBytes(UTF_8);
  }
}
