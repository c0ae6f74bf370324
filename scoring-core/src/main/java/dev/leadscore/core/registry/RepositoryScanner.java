package dev.leadscore.core.registry;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.internal.ParseFailures;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.proto.v1.Experiment;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads a repository directory into a catalog of {@link ModelEntry}s, re-reading only files whose
 * {@link FileStamp} changed since the last scan. Not thread-safe: its owner serializes scans.
 *
 * <p>Design notes: a scan never lets a bad file replace a good state. A version file that changed
 * and no longer compiles keeps the previous content (with a problem saying so); a label or
 * experiment file that does not parse keeps the previous labels or experiment; a label that points
 * at a version that is not valid keeps its previous target if that one is valid, and is dropped
 * otherwise. Bundled models fill in versions their folder does not have.
 */
final class RepositoryScanner {
  static final String EXPERIMENT_FILE = "experiment.json";
  private static final System.Logger LOG = System.getLogger(RepositoryScanner.class.getName());

  private record Seen(FileStamp stamp, ModelVersion version) {}

  private final Path root;
  private final ModelCompiler compiler;
  private final ImmutableMap<String, ModelVersion> builtins;
  private final Map<Path, Seen> seen = new HashMap<>();

  RepositoryScanner(
      Path root, ModelCompiler compiler, ImmutableMap<String, ModelVersion> builtins) {
    this.root = root;
    this.compiler = compiler;
    this.builtins = builtins;
  }

  ImmutableSortedMap<String, ModelEntry> scan(ImmutableSortedMap<String, ModelEntry> previous)
      throws IOException {
    Map<String, ModelEntry> models = new TreeMap<>();
    Set<Path> present = new HashSet<>();
    if (Files.isDirectory(root)) {
      Path realRoot = root.toRealPath();
      try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
        for (Path folder : folders) {
          String name = folder.getFileName().toString();
          if (ModelCompiler.MODEL_NAME.matcher(name).matches()) {
            ModelEntry entry = scanModel(name, folder, previous.get(name), present, realRoot);
            if (entry != null) {
              models.put(name, entry);
            }
          }
        }
      }
    }
    builtins.forEach(
        (name, version) ->
            models.putIfAbsent(
                name,
                new ModelEntry(
                    name,
                    ImmutableSortedMap.of(version.version(), version),
                    ImmutableSortedMap.of(),
                    null,
                    List.of())));
    seen.keySet().retainAll(present);
    return ImmutableSortedMap.copyOf(models);
  }

  /** Records a file this process wrote, so the next scan does not compile it again. */
  void written(Path file, ModelVersion version) throws IOException {
    seen.put(file, new Seen(FileStamp.of(file), version));
  }

  /**
   * The entry of one model folder; null if {@code folder} is not a folder. A folder that cannot be
   * scanned keeps what was loaded from it before, with the problem, so that one bad entry never
   * takes other models (or this model's loaded versions) down.
   */
  private @Nullable ModelEntry scanModel(
      String name, Path folder, @Nullable ModelEntry previous, Set<Path> present, Path realRoot) {
    List<String> problems = new ArrayList<>();
    try {
      if (!RepositoryFiles.isFolder(realRoot, folder)) {
        return null;
      }
      return scanFolder(name, folder, previous, present, realRoot, problems);
    } catch (RepositoryFiles.UnreadableFileException e) {
      problems.add("its folder is " + e.getMessage());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot list the model folder " + folder, e);
      problems.add("its folder cannot be listed (see the server log); keeping what was loaded");
    }
    if (previous == null || !previous.problems().equals(problems)) {
      problems.forEach(problem -> LOG.log(Level.WARNING, "model {0}: {1}", name, problem));
    }
    ModelVersion builtin = builtins.get(name);
    ImmutableSortedMap<Long, ModelVersion> versions =
        previous != null
            ? previous.versions()
            : builtin != null
                ? ImmutableSortedMap.of(builtin.version(), builtin)
                : ImmutableSortedMap.of();
    return new ModelEntry(
        name,
        versions,
        previous == null ? ImmutableSortedMap.of() : previous.labels(),
        previous == null ? null : previous.experiment(),
        problems);
  }

  private ModelEntry scanFolder(
      String name,
      Path folder,
      @Nullable ModelEntry previous,
      Set<Path> present,
      Path realRoot,
      List<String> problems)
      throws IOException {
    TreeMap<Long, ModelVersion> versions = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        long version = VersionFiles.version(fileName);
        if (version == VersionFiles.OUT_OF_RANGE) {
          problems.add(VersionFiles.outOfRange(fileName));
        } else if (version > 0) {
          ModelVersion read = readVersion(name, version, file, previous, realRoot);
          if (read != null) {
            present.add(file);
            versions.put(version, read);
          }
        }
      }
    }
    ModelVersion builtin = builtins.get(name);
    if (builtin != null) {
      versions.putIfAbsent(builtin.version(), builtin);
    }
    ModelEntry entry =
        new ModelEntry(
            name, ImmutableSortedMap.copyOf(versions), ImmutableSortedMap.of(), null, List.of());
    entry = entry.withLabels(labels(entry, folder, previous, problems, realRoot));
    entry = entry.withExperiment(experiment(entry, folder, previous, problems, realRoot));
    if (previous == null || !previous.problems().equals(problems)) {
      problems.forEach(problem -> LOG.log(Level.WARNING, "model {0}: {1}", name, problem));
    }
    return new ModelEntry(name, entry.versions(), entry.labels(), entry.experiment(), problems);
  }

  /** The version of one file; null if it is gone. Never throws for what the file is or holds. */
  private @Nullable ModelVersion readVersion(
      String name, long version, Path file, @Nullable ModelEntry previous, Path realRoot) {
    FileStamp stamp;
    try {
      stamp = FileStamp.of(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      stamp = null; // RepositoryFiles.read says why, safely.
    }
    Seen known = seen.get(file);
    if (stamp != null && known != null && stamp.sameAs(known.stamp())) {
      return known.version();
    }
    String source = root.relativize(file).toString();
    Instant created = stamp == null ? Instant.EPOCH : stamp.modified().toInstant();
    ModelVersion read;
    try {
      byte[] content = RepositoryFiles.read(realRoot, file, RepositoryFiles.MAX_VERSION_FILE_BYTES);
      read = VersionFiles.read(compiler, name, version, content, created, false, source);
    } catch (NoSuchFileException e) {
      return null;
    } catch (RepositoryFiles.UnreadableFileException e) {
      if (e.getCause() != null) {
        LOG.log(Level.WARNING, "cannot read " + file, e.getCause());
      }
      read = VersionFiles.unreadable(name, version, created, "the file is " + e.getMessage());
    }
    ModelVersion effective =
        effective(read, previous == null ? null : previous.versions().get(version), source);
    if (stamp != null) {
      seen.put(file, new Seen(stamp, effective));
    }
    return effective;
  }

  /** What to serve for a version file just read, given what was served before. */
  private static ModelVersion effective(
      ModelVersion read, @Nullable ModelVersion before, String source) {
    if (!read.valid() && before != null && before.valid()) {
      ModelVersion kept =
          before.withProblems(
              List.of(
                  "its file changed on disk and was refused; serving the content with checksum "
                      + before.checksum()
                      + " loaded before: "
                      + String.join("; ", read.problems())));
      LOG.log(Level.WARNING, "{0}: {1}", source, kept.problems().get(0));
      return kept;
    }
    if (!read.valid()) {
      LOG.log(Level.WARNING, "{0} failed to load: {1}", source, String.join("; ", read.problems()));
    } else if (before != null && !before.builtin() && !before.checksum().equals(read.checksum())) {
      LOG.log(
          Level.WARNING,
          "{0} changed on disk and is served as changed; versions are meant to be immutable:"
              + " publish a new version instead",
          source);
    }
    return read;
  }

  private ImmutableSortedMap<String, Long> labels(
      ModelEntry entry,
      Path folder,
      @Nullable ModelEntry previous,
      List<String> problems,
      Path realRoot) {
    Map<String, Long> declared;
    ImmutableSortedMap<String, Long> before =
        previous == null ? ImmutableSortedMap.of() : previous.labels();
    try {
      declared =
          LabelFiles.parse(
              RepositoryFiles.read(
                  realRoot,
                  folder.resolve(LabelFiles.FILE_NAME),
                  RepositoryFiles.MAX_SMALL_FILE_BYTES));
    } catch (NoSuchFileException e) {
      return ImmutableSortedMap.of();
    } catch (RepositoryFiles.UnreadableFileException e) {
      problems.add(LabelFiles.FILE_NAME + " is " + e.getMessage() + "; keeping the labels before");
      declared = before;
    } catch (IllegalArgumentException e) {
      problems.add(LabelFiles.FILE_NAME + ": " + e.getMessage() + "; keeping the labels before");
      declared = before;
    }
    Map<String, Long> labels = new TreeMap<>();
    declared.forEach(
        (label, version) -> {
          if (entry.isValid(version)) {
            labels.put(label, version);
            return;
          }
          Long kept = before.get(label);
          boolean keep = kept != null && entry.isValid(kept);
          problems.add(
              "label "
                  + label
                  + " points at version "
                  + version
                  + ", which is not a valid version; "
                  + (keep ? "keeping it at version " + kept : "the label is not served"));
          if (keep) {
            labels.put(label, kept);
          }
        });
    return ImmutableSortedMap.copyOf(labels);
  }

  private @Nullable Experiment experiment(
      ModelEntry entry,
      Path folder,
      @Nullable ModelEntry previous,
      List<String> problems,
      Path realRoot) {
    Experiment before = previous == null ? null : previous.experiment();
    Experiment declared;
    try {
      byte[] content =
          RepositoryFiles.read(
              realRoot, folder.resolve(EXPERIMENT_FILE), RepositoryFiles.MAX_SMALL_FILE_BYTES);
      Experiment.Builder builder = Experiment.newBuilder();
      JsonFormat.parser().merge(new String(content, StandardCharsets.UTF_8), builder);
      declared = builder.setModel(entry.name()).build();
    } catch (NoSuchFileException e) {
      return null;
    } catch (RepositoryFiles.UnreadableFileException e) {
      problems.add(EXPERIMENT_FILE + " is " + e.getMessage() + "; keeping the experiment before");
      declared = before;
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      problems.add(
          EXPERIMENT_FILE + ": " + ParseFailures.describe(e) + "; keeping the experiment before");
      declared = before;
    }
    if (declared == null) {
      return null;
    }
    List<FieldViolation> violations = Experiments.check(declared, entry, "experiment");
    if (violations.isEmpty()) {
      return declared;
    }
    boolean keep =
        before != null
            && !before.equals(declared)
            && Experiments.check(before, entry, "experiment").isEmpty();
    violations.forEach(violation -> problems.add(EXPERIMENT_FILE + ": " + violation));
    problems.add(keep ? "keeping the experiment before" : "the experiment is not run");
    return keep ? before : null;
  }
}
