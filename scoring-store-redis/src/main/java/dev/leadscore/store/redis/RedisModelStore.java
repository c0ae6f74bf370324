package dev.leadscore.store.redis;

import static dev.leadscore.store.redis.Cluster.bytes;
import static dev.leadscore.store.redis.Cluster.text;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDiagnostics;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.core.registry.ModelEntry;
import dev.leadscore.core.registry.ModelStore;
import dev.leadscore.core.registry.ModelVersion;
import dev.leadscore.core.registry.ModelWrites;
import dev.leadscore.core.registry.Publication;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.store.redis.proto.ModelVersionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ModelStore} on Redis Cluster, shared by every server replica on the cluster: a version
 * published, a label moved or an experiment set through one replica is served by the others after
 * their next {@link #refresh} (the server refreshes every 500 ms).
 *
 * <p>Design notes. All models live on one hash slot ({@link ModelKeys}), so a Lua script checks and
 * writes atomically: {@code model_publish.lua} checks {@code expected_latest_version} and adds
 * version latest + 1 in one step, so two replicas publishing at once cannot both win; {@code
 * model_change.lua} moves a label or sets an experiment only if the model is still as this process
 * read and checked it (its token unchanged), else the change is checked again on a fresh read. Each
 * write also sets a random change token; {@link #refresh} reads that one key and reads models again
 * only when it changed, then only the models whose own token changed, each in one consistent read
 * ({@code model_read.lua}). Versions are immutable, so each is compiled once per process. Model
 * writes are rare, small and admin-only: one slot (one primary) carries them easily.
 *
 * <p>With {@code waitReplicas} a write completes only once that many Redis replicas have it. When
 * Redis cannot be reached, the snapshot read before keeps being served and writes fail with {@link
 * ScoringErrorCode#STORE_FAILED}.
 *
 * @since 0.3
 */
public final class RedisModelStore implements ModelStore {
  private static final int MAX_CHANGE_ATTEMPTS = 16;

  private final String location;
  private final ClusterClient client;
  private final Cluster cluster;
  private final ModelKeys keys;
  private final ModelCompiler compiler;
  private final Clock clock;
  private final Map<String, ByteString> bundled;
  private final ModelEntries entries;
  private final Object lock = new Object();
  private volatile ImmutableSortedMap<String, ModelEntry> models = ImmutableSortedMap.of();
  // Under the lock: the change token the snapshot was read at (null: never read), and each
  // model's token as read.
  private @Nullable String token;
  private final Map<String, String> tokens = new HashMap<>();

  private record Change(String kind, byte[] first, byte[] second) {}

  private RedisModelStore(
      RedisLeadStoreConfig redis,
      ClusterClient client,
      ModelCompiler compiler,
      Map<String, byte[]> bundled,
      Clock clock,
      ModelEntries entries) {
    this.location = "redis://" + String.join(",", redis.nodes());
    this.client = client;
    this.cluster = new Cluster(client.connection, redis);
    this.keys = new ModelKeys(redis.keyPrefix());
    this.compiler = compiler;
    this.clock = clock;
    Map<String, ByteString> documents = new HashMap<>();
    bundled.forEach((name, document) -> documents.put(name, ByteString.copyFrom(document)));
    this.bundled = Map.copyOf(documents);
    this.entries = entries;
  }

  /**
   * Connects to the cluster and reads every model.
   *
   * @param bundled documents served as version 1 of their name until the store has its own
   * @throws ScoringException {@link ScoringErrorCode#STORE_FAILED} if the cluster cannot be
   *     reached, {@link ScoringErrorCode#STARTUP_FAILED} if a bundled model is invalid
   */
  public static RedisModelStore open(
      RedisLeadStoreConfig redis,
      ModelCompiler compiler,
      Map<String, byte[]> bundled,
      Clock clock) {
    requireNonNull(redis, "redis");
    requireNonNull(compiler, "compiler");
    requireNonNull(bundled, "bundled");
    requireNonNull(clock, "clock");
    ModelEntries entries = new ModelEntries(compiler, bundled, clock.instant());
    ClusterClient client = ClusterClient.connect(redis);
    try {
      RedisModelStore store = new RedisModelStore(redis, client, compiler, bundled, clock, entries);
      store.refresh();
      return store;
    } catch (RuntimeException e) {
      client.close();
      throw e instanceof ScoringException scoring ? scoring : ClusterClient.unreachable(redis, e);
    }
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public ImmutableSortedMap<String, ModelEntry> models() {
    return models;
  }

  /** One read of a key when nothing changed; the changed models otherwise. */
  @Override
  public void refresh() {
    synchronized (lock) {
      try {
        byte[] read = client.connection.async().get(keys.token()).toCompletableFuture().join();
        String current = read == null ? "" : text(read);
        if (current.equals(token)) {
          return;
        }
        Map<String, String> stored = new TreeMap<>();
        client
            .connection
            .async()
            .hgetall(keys.tokens())
            .toCompletableFuture()
            .join()
            .forEach((name, value) -> stored.put(text(name), text(value)));
        TreeMap<String, ModelEntry> next = new TreeMap<>();
        for (Map.Entry<String, String> model : stored.entrySet()) {
          ModelEntry known = models.get(model.getKey());
          next.put(
              model.getKey(),
              known != null && model.getValue().equals(tokens.get(model.getKey()))
                  ? known
                  : readModel(model.getKey()));
        }
        tokens.keySet().retainAll(stored.keySet());
        entries.bundledNames().forEach(name -> next.computeIfAbsent(name, entries::bundledOnly));
        models = ImmutableSortedMap.copyOf(next);
        entries.retain(next);
        token = current;
      } catch (RuntimeException e) {
        throw StoreFailures.failed("read the models", e);
      }
    }
  }

  @Override
  public ModelDiagnostics diagnose(ScoringModel model) {
    return ModelWrites.diagnose(compiler, model, models);
  }

  @Override
  public Publication publishWithWarnings(ScoringModel model, OptionalLong expectedLatest) {
    requireNonNull(expectedLatest, "expectedLatest");
    return ModelWrites.publish(
        compiler, model, models, checked -> writeNextVersion(checked, expectedLatest));
  }

  private ModelVersion writeNextVersion(ScoringModel model, OptionalLong expectedLatest) {
    String name = model.getName();
    byte[] document = (ModelDocuments.print(model) + "\n").getBytes(StandardCharsets.UTF_8);
    ModelVersionRecord record =
        ModelVersionRecord.newBuilder()
            .setCreatedMillis(clock.millis())
            .setDocument(ByteString.copyFrom(document))
            .build();
    synchronized (lock) {
      List<Object> result =
          run(
              Scripts.MODEL_PUBLISH,
              "publish model " + name,
              new byte[][] {keys.token(), keys.tokens(), keys.versions(name)},
              bytes(name),
              bytes(expectedLatest.isPresent() ? Long.toString(expectedLatest.getAsLong()) : ""),
              record.toByteArray(),
              bundledRecord(name),
              bytes(newToken()));
      if ((Long) result.get(0) == 0) {
        throw ModelWrites.conflict(name, (Long) result.get(1), expectedLatest.orElse(0));
      }
      replicated();
      ModelVersion version =
          new ModelVersion(
              name,
              (Long) result.get(1),
              ModelVersion.State.VALID,
              Instant.ofEpochMilli(record.getCreatedMillis()),
              ModelWrites.checksum(document),
              List.of(),
              false,
              model);
      entries.written(version, record);
      readIntoSnapshot(name);
      return version;
    }
  }

  @Override
  public ImmutableSortedMap<String, Long> setLabel(String name, String label, long version) {
    ModelWrites.checkLabel(label);
    return change(
            name,
            entry -> {
              ModelWrites.checkLabelTarget(entry, version);
              return new Change("set-label", bytes(label), bytes(Long.toString(version)));
            })
        .labels();
  }

  @Override
  public ImmutableSortedMap<String, Long> deleteLabel(String name, String label) {
    requireNonNull(label, "label");
    return change(
            name,
            entry -> {
              ModelWrites.checkLabelDeletable(entry, label);
              return new Change("delete-label", bytes(label), new byte[0]);
            })
        .labels();
  }

  @Override
  public Experiment setExperiment(Experiment experiment) {
    requireNonNull(experiment, "experiment");
    Experiment stored =
        experiment.toBuilder().setCreated(Timestamps.fromMillis(clock.millis())).build();
    change(
        experiment.getModel(),
        entry -> {
          ModelWrites.checkExperiment(experiment, entry);
          return new Change("set-experiment", stored.toByteArray(), new byte[0]);
        });
    return stored;
  }

  @Override
  public void deleteExperiment(String name) {
    change(
        name,
        entry -> {
          ModelWrites.checkExperimentRunning(entry);
          return new Change("delete-experiment", new byte[0], new byte[0]);
        });
  }

  /**
   * Checks a change against a fresh read of the model and writes it if the model is still as read;
   * reads and checks again when another replica changed it meanwhile.
   */
  private ModelEntry change(String name, Function<ModelEntry, Change> check) {
    ModelWrites.checkName(name);
    synchronized (lock) {
      for (int attempt = 0; attempt < MAX_CHANGE_ATTEMPTS; attempt++) {
        ModelEntry entry = readIntoSnapshot(name);
        if (entry == null) {
          throw ModelWrites.notFound(name);
        }
        Change change = check.apply(entry);
        List<Object> result =
            run(
                Scripts.MODEL_CHANGE,
                "change model " + name,
                new byte[][] {
                  keys.token(),
                  keys.tokens(),
                  keys.versions(name),
                  keys.labels(name),
                  keys.experiment(name)
                },
                bytes(name),
                bytes(tokens.getOrDefault(name, "")),
                bytes(change.kind()),
                change.first(),
                change.second(),
                bundledRecord(name),
                bytes(newToken()));
        if ((Long) result.get(0) == 1) {
          replicated();
          return requireNonNull(readIntoSnapshot(name));
        }
      }
      throw new ScoringException(
          ScoringErrorCode.CONFLICT,
          "model " + name + " kept changing through other replicas (expected: retry)");
    }
  }

  /** Reads one model now and puts it into the snapshot; null if the store has no such model. */
  private @Nullable ModelEntry readIntoSnapshot(String name) {
    ModelEntry entry = readModel(name);
    TreeMap<String, ModelEntry> next = new TreeMap<>(models);
    if (entry == null) {
      next.remove(name);
    } else {
      next.put(name, entry);
    }
    models = ImmutableSortedMap.copyOf(next);
    return entry;
  }

  private @Nullable ModelEntry readModel(String name) {
    ModelEntries.Stored stored;
    try {
      stored =
          ModelEntries.stored(
              run(
                  Scripts.MODEL_READ,
                  "read model " + name,
                  new byte[][] {
                    keys.tokens(), keys.versions(name), keys.labels(name), keys.experiment(name)
                  },
                  bytes(name)));
    } catch (InvalidProtocolBufferException e) {
      throw StoreFailures.failed("read model " + name, e);
    }
    if (stored.token().isEmpty()) {
      tokens.remove(name);
    } else {
      tokens.put(name, stored.token());
    }
    if (stored.versions().isEmpty() && !bundled.containsKey(name)) {
      return null;
    }
    return entries.entry(name, stored);
  }

  private byte[] bundledRecord(String name) {
    ByteString document = bundled.get(name);
    return document == null
        ? new byte[0]
        : ModelVersionRecord.newBuilder()
            .setCreatedMillis(clock.millis())
            .setDocument(document)
            .build()
            .toByteArray();
  }

  private List<Object> run(Scripts script, String what, byte[][] scriptKeys, byte[]... args) {
    try {
      return script.run(cluster.commands(), scriptKeys, args).join();
    } catch (RuntimeException e) {
      throw StoreFailures.failed(what, e);
    }
  }

  private void replicated() {
    try {
      cluster.replicated(keys.token()).join();
    } catch (RuntimeException e) {
      throw StoreFailures.failed("write the models", e);
    }
  }

  private static String newToken() {
    return UUID.randomUUID().toString();
  }

  /** Disconnects; the snapshot stays readable. */
  @Override
  public void close() {
    client.close();
  }
}
