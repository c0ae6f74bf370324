package dev.leadscore.store.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The store's Lua scripts (resources beside this class, read once). Each runs by its SHA-1 digest
 * and falls back to sending its text when the node does not know it: Redis 7.0 neither persists nor
 * replicates its script cache, so a replica promoted after a failover, or a restarted node, starts
 * without them. The text is at most a few kilobytes.
 */
enum Scripts {
  UPDATE("update.lua"),
  RELAY("relay.lua"),
  DELETE("delete.lua"),
  ERASE("erase.lua"),
  MODEL_PUBLISH("model_publish.lua"),
  MODEL_CHANGE("model_change.lua"),
  MODEL_READ("model_read.lua");

  private final byte[] text;
  private final String digest;

  Scripts(String resource) {
    try (InputStream in = Scripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      this.text = in.readAllBytes();
      this.digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the script on the slot of {@code keys[0]}; every key must share that slot. */
  CompletableFuture<List<Object>> run(
      RedisAdvancedClusterAsyncCommands<byte[], byte[]> redis, byte[][] keys, byte[]... args) {
    CompletableFuture<List<Object>> first =
        redis
            .<List<Object>>evalsha(digest, ScriptOutputType.MULTI, keys, args)
            .toCompletableFuture();
    return first
        .handle(
            (result, error) -> {
              if (error == null) {
                return first;
              }
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              if (cause instanceof RedisNoScriptException) {
                return redis
                    .<List<Object>>eval(text, ScriptOutputType.MULTI, keys, args)
                    .toCompletableFuture();
              }
              return first;
            })
        .thenCompose(future -> future);
  }
}
