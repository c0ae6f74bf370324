package dev.leadscore.store.redis;

import static dev.leadscore.store.redis.Cluster.text;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.registry.ModelEntry;
import dev.leadscore.core.registry.ModelVersion;
import dev.leadscore.core.registry.ModelWrites;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.store.redis.proto.ModelVersionRecord;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns what {@code model_read.lua} returns into {@link ModelEntry}s as this process serves them:
 * each version compiled here (once: a version is immutable, so it is kept by number and checksum),
 * the bundled version 1 filled in where the store has none, labels and an experiment that point at
 * versions that failed here left out with a problem saying why. Not thread-safe: the store calls it
 * under its lock.
 */
final class ModelEntries {
  private static final System.Logger LOG = System.getLogger(RedisModelStore.class.getName());

  private final ModelCompiler compiler;
  private final ImmutableMap<String, ModelVersion> builtins;
  private final Map<VersionKey, ModelVersion> compiled = new HashMap<>();

  private record VersionKey(String name, long version, String checksum) {}

  /** One model as stored: its token ("" if never written) and its parts. */
  record Stored(
      String token,
      ImmutableSortedMap<Long, ModelVersionRecord> versions,
      ImmutableSortedMap<String, Long> labels,
      @Nullable Experiment experiment) {}

  /**
   * @throws ScoringException {@link ScoringErrorCode#STARTUP_FAILED} if a bundled model is invalid
   */
  ModelEntries(ModelCompiler compiler, Map<String, byte[]> bundled, Instant now) {
    this.compiler = compiler;
    ImmutableMap.Builder<String, ModelVersion> builtins = ImmutableMap.builder();
    bundled.forEach(
        (name, document) -> {
          ModelVersion version =
              ModelWrites.read(compiler, name, 1, document, now, true, "bundled " + name);
          if (!version.valid()) {
            throw new ScoringException(
                ScoringErrorCode.STARTUP_FAILED,
                "bundled model " + name + " is invalid: " + String.join("; ", version.problems()));
          }
          builtins.put(name, version);
        });
    this.builtins = builtins.buildOrThrow();
  }

  /** The names of the bundled models. */
  Iterable<String> bundledNames() {
    return builtins.keySet();
  }

  /** A bundled model the store has nothing of. */
  ModelEntry bundledOnly(String name) {
    ModelVersion builtin = requireNonNull(builtins.get(name), name);
    return new ModelEntry(
        name, ImmutableSortedMap.of(1L, builtin), ImmutableSortedMap.of(), null, List.of());
  }

  /** A model as this process serves it. */
  ModelEntry entry(String name, Stored stored) {
    TreeMap<Long, ModelVersion> versions = new TreeMap<>();
    stored
        .versions()
        .forEach((number, record) -> versions.put(number, version(name, record, number)));
    ModelVersion builtin = builtins.get(name);
    if (builtin != null) {
      versions.putIfAbsent(1L, builtin);
    }
    List<String> problems = new ArrayList<>();
    TreeMap<String, Long> labels = new TreeMap<>();
    stored
        .labels()
        .forEach(
            (label, version) -> {
              ModelVersion target = versions.get(version);
              if (target != null && target.valid()) {
                labels.put(label, version);
              } else {
                problems.add(
                    "label "
                        + label
                        + " points at version "
                        + version
                        + ", which is not a valid version here; the label is not served");
              }
            });
    ModelEntry entry =
        new ModelEntry(
            name,
            ImmutableSortedMap.copyOf(versions),
            ImmutableSortedMap.copyOf(labels),
            null,
            List.of());
    Experiment experiment = stored.experiment();
    if (experiment != null) {
      List<FieldViolation> violations = ModelWrites.experimentProblems(experiment, entry);
      if (!violations.isEmpty()) {
        violations.forEach(violation -> problems.add("experiment: " + violation));
        problems.add("the experiment is not run");
        experiment = null;
      }
    }
    problems.forEach(problem -> LOG.log(Level.WARNING, "model {0}: {1}", name, problem));
    return new ModelEntry(name, entry.versions(), entry.labels(), experiment, problems);
  }

  /** A version this process wrote: known compiled, so the next read does not compile it again. */
  void written(ModelVersion version, ModelVersionRecord record) {
    compiled.put(key(version.name(), version.version(), record), version);
  }

  /** Forgets compiled versions no longer in the store (after a failover that lost writes). */
  void retain(Map<String, ModelEntry> models) {
    compiled
        .keySet()
        .removeIf(
            key -> {
              ModelEntry entry = models.get(key.name());
              return entry == null || !entry.versions().containsKey(key.version());
            });
  }

  private ModelVersion version(String name, ModelVersionRecord record, long number) {
    VersionKey key = key(name, number, record);
    ModelVersion known = compiled.get(key);
    if (known != null) {
      return known;
    }
    ModelVersion read =
        ModelWrites.read(
            compiler,
            name,
            number,
            record.getDocument().toByteArray(),
            Instant.ofEpochMilli(record.getCreatedMillis()),
            false,
            "redis " + name + "/" + number);
    if (!read.valid()) {
      LOG.log(
          Level.WARNING,
          "model {0} version {1,number,#} failed to load here: {2}",
          name,
          number,
          String.join("; ", read.problems()));
    }
    compiled.put(key, read);
    return read;
  }

  private static VersionKey key(String name, long number, ModelVersionRecord record) {
    return new VersionKey(name, number, ModelWrites.checksum(record.getDocument().toByteArray()));
  }

  /**
   * Parses {@code model_read.lua}'s answer.
   *
   * @throws InvalidProtocolBufferException if a stored record does not parse
   */
  static Stored stored(List<Object> read) throws InvalidProtocolBufferException {
    String token = text(read.get(0));
    TreeMap<Long, ModelVersionRecord> versions = new TreeMap<>();
    List<?> fields = (List<?>) read.get(1);
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      versions.put(
          Long.parseLong(text(fields.get(i))),
          ModelVersionRecord.parseFrom((byte[]) fields.get(i + 1)));
    }
    TreeMap<String, Long> labels = new TreeMap<>();
    List<?> labelFields = (List<?>) read.get(2);
    for (int i = 0; i + 1 < labelFields.size(); i += 2) {
      labels.put(text(labelFields.get(i)), Long.parseLong(text(labelFields.get(i + 1))));
    }
    byte[] experiment = (byte[]) read.get(3);
    return new Stored(
        token,
        ImmutableSortedMap.copyOf(versions),
        ImmutableSortedMap.copyOf(labels),
        experiment.length == 0 ? null : Experiment.parseFrom(experiment));
  }
}
