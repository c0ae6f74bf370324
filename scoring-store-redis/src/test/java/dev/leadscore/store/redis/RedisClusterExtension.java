package dev.leadscore.store.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real local Redis Cluster (3 primaries, 3 replicas) on free loopback ports in a temporary
 * directory, started by {@code scripts/redis-cluster start} and stopped by {@code stop}. Without
 * {@code redis-server} on the PATH the class is skipped with one line naming the install command,
 * except under {@code CI=true}, where it fails: CI never skips these.
 *
 * <p>{@link #shared()} is one cluster for every test class of the test run that asks for it
 * (starting one takes a few seconds): for tests that only read and write keys under a prefix of
 * their own. Tests that stop or kill nodes take a cluster of their own, {@code new
 * RedisClusterExtension()}, started before the class and stopped after it.
 *
 * <pre>
 * &#64;RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();
 * </pre>
 */
public final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback {
  static final String INSTALL = "apt-get install -y redis-server, or brew install redis";
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RedisClusterExtension.class);
  private static volatile boolean skipAnnounced;

  private final int nodeTimeoutMillis;
  private final boolean shared;
  private List<Integer> ports = List.of();
  private Path directory = Path.of(".");
  private boolean started;

  /** A cluster of this class's own whose nodes declare a peer failed after 1 s. */
  public RedisClusterExtension() {
    this(1000);
  }

  public RedisClusterExtension(int nodeTimeoutMillis) {
    this(nodeTimeoutMillis, false);
  }

  private RedisClusterExtension(int nodeTimeoutMillis, boolean shared) {
    this.nodeTimeoutMillis = nodeTimeoutMillis;
    this.shared = shared;
  }

  /** The cluster of the test run that classes which never stop or kill a node share. */
  public static RedisClusterExtension shared() {
    return new RedisClusterExtension(1000, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (!onPath("redis-server") || !onPath("redis-cli")) {
      String line = "redis-server not found (install: " + INSTALL + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "Redis store tests: " + line + "; under CI=true they fail instead of skipping");
      }
      if (!skipAnnounced) {
        skipAnnounced = true;
        System.err.println("Skipping the Redis store tests: " + line);
      }
      Assumptions.abort(line);
    }
    if (shared) {
      // The root store closes it (an AutoCloseable) when the whole test run ends.
      RunCluster run =
          context
              .getRoot()
              .getStore(NAMESPACE)
              .computeIfAbsent(
                  "cluster", key -> RunCluster.start(nodeTimeoutMillis), RunCluster.class);
      ports = run.cluster.ports;
      directory = run.cluster.directory;
      return;
    }
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (!shared) {
      stop();
    }
  }

  private void start() throws IOException, InterruptedException {
    directory = Files.createTempDirectory("leadscore-redis-cluster");
    ports = freePorts();
    script("start", "--node-timeout", Integer.toString(nodeTimeoutMillis));
    started = true;
  }

  private void stop() throws IOException, InterruptedException {
    if (started) {
      started = false;
      script("stop");
    }
    if (Files.isDirectory(directory)
        && directory.getFileName().toString().startsWith("leadscore")) {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private void checkOwn(String what) {
    if (shared) {
      throw new IllegalStateException(
          what + " on the shared cluster (expected: new RedisClusterExtension() for this class)");
    }
  }

  /** The seed nodes, {@code 127.0.0.1:port}, primaries and replicas. */
  public List<String> nodes() {
    return ports.stream().map(port -> "127.0.0.1:" + port).toList();
  }

  public List<Integer> ports() {
    return ports;
  }

  /** Kills the node on {@code port} with SIGKILL, as a crash would. */
  public void kill(int port) throws IOException {
    checkOwn("kill");
    long pid = Long.parseLong(Files.readString(directory.resolve(port + "/redis.pid")).trim());
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  /**
   * Stops every node (SIGTERM, as {@code scripts/redis-cluster stop}), as an outage of the whole
   * cluster would; {@link #restartStopped} starts them again with their data.
   */
  public void stopAll() throws IOException, InterruptedException {
    checkOwn("stopAll");
    script("stop");
  }

  /**
   * Starts nodes that are down again (they rejoin, as replicas) and waits until every replica has
   * finished its initial sync: until then it could not take over from its primary.
   */
  public void restartStopped() throws IOException, InterruptedException {
    checkOwn("restartStopped");
    script("start", "--node-timeout", Integer.toString(nodeTimeoutMillis));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (int port : ports) {
      while (true) {
        String replication = cli(port, "info", "replication");
        boolean synced =
            replication.contains("role:master")
                ? replication.contains("connected_slaves:1")
                : replication.contains("master_link_status:up")
                    && replication.contains("master_sync_in_progress:0");
        if (synced) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("node on port " + port + " not in sync: " + replication);
        }
        Thread.sleep(100);
      }
    }
  }

  /** The port of the healthy primary serving {@code slot}, from {@code CLUSTER NODES}. */
  public int primaryOf(int slot) throws IOException, InterruptedException {
    for (int port : ports) {
      String nodes = cli(port, "cluster", "nodes");
      if (!nodes.contains("myself")) {
        continue;
      }
      for (String line : nodes.split("\n")) {
        String[] fields = line.trim().split(" ");
        if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
          continue;
        }
        for (int i = 8; i < fields.length; i++) {
          String[] range = fields[i].split("-");
          if (range[0].startsWith("[")) {
            continue;
          }
          int low = Integer.parseInt(range[0]);
          int high = range.length > 1 ? Integer.parseInt(range[1]) : low;
          if (slot >= low && slot <= high) {
            String address = fields[1];
            return Integer.parseInt(
                address.substring(address.indexOf(':') + 1, address.indexOf('@')));
          }
        }
      }
    }
    throw new IllegalStateException("no primary serves slot " + slot);
  }

  /** Runs {@code redis-cli -p port args...} and returns what it printed. */
  public String cli(int port, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", "" + port));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(10, TimeUnit.SECONDS);
    return output;
  }

  private void script(String command, String... options) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add("bash");
    line.add(scriptPath().toString());
    line.add(command);
    line.add("--ports");
    line.add(String.join(",", ports.stream().map(String::valueOf).toList()));
    line.add("--dir");
    line.add(directory.toString());
    line.addAll(List.of(options));
    Path log = directory.resolve("script-" + command + ".log");
    Process process =
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("scripts/redis-cluster " + command + " took over 60 s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "scripts/redis-cluster "
              + command
              + " failed ("
              + process.exitValue()
              + "): "
              + Files.readString(log));
    }
  }

  private static Path scriptPath() {
    String configured = System.getProperty("leadscore.redisClusterScript");
    if (configured != null) {
      return Paths.get(configured);
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/redis-cluster");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("scripts/redis-cluster not found above the working directory");
  }

  private static boolean onPath(String binary) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Paths.get(dir, binary))) {
        return true;
      }
    }
    return false;
  }

  /** Six consecutive ports whose cluster-bus ports (+10000) are free as well. */
  private static List<Integer> freePorts() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20000, 45000);
      List<Integer> found = new ArrayList<>();
      for (int port = base; port < base + 6 && free(port) && free(port + 10000); port++) {
        found.add(port);
      }
      if (found.size() == 6) {
        return List.copyOf(found);
      }
    }
    throw new IllegalStateException("no six free loopback ports found");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /** The run's shared cluster; the root store closes it at the end of the run. */
  private static final class RunCluster implements AutoCloseable {
    final RedisClusterExtension cluster;

    private RunCluster(RedisClusterExtension cluster) {
      this.cluster = cluster;
    }

    static RunCluster start(int nodeTimeoutMillis) {
      RedisClusterExtension cluster = new RedisClusterExtension(nodeTimeoutMillis, false);
      try {
        cluster.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return new RunCluster(cluster);
    }

    @Override
    public void close() throws IOException, InterruptedException {
      cluster.stop();
    }
  }
}
