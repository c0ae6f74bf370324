package dev.leadscore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code leadscore serve} in its own JVM, on this test's class path, on a free loopback
 * port; the port is read from {@code --port-file}.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  private static Path models(Path workDirectory) throws IOException {
    return Files.createDirectories(workDirectory.resolve("models"));
  }

  static ServerProcess start(Path data, Path workDirectory, String name, String... extraArgs)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of("--data", data.toString(), "--models", models(workDirectory).toString()));
    args.addAll(List.of(extraArgs));
    return startWith(workDirectory, name, args.toArray(new String[0]));
  }

  /**
   * Starts {@code serve} on a free loopback port without metrics, with {@code args} alone for store
   * and models (e.g. {@code --store redis://…}); its output goes to {@code name.log}.
   */
  static ServerProcess startWith(Path workDirectory, String name, String... args)
      throws IOException, InterruptedException {
    Path portFile = workDirectory.resolve(name + ".port");
    Files.deleteIfExists(portFile);
    return await(launch(workDirectory, name, portFile, args), workDirectory, name, portFile);
  }

  /**
   * As {@link #startWith(Path, String, String...)}, with {@code env} added to its environment and
   * {@code workDirectory/name} (created empty) as its working directory.
   */
  static ServerProcess startWith(
      Path workDirectory, String name, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path portFile = workDirectory.resolve(name + ".port");
    Files.deleteIfExists(portFile);
    Path cwd = Files.createDirectories(workDirectory.resolve(name));
    return await(
        launch(workDirectory, name, portFile, cwd, env, args), workDirectory, name, portFile);
  }

  private static ServerProcess await(
      Process process, Path workDirectory, String name, Path portFile)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(portFile)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new AssertionError(
            "server did not start: " + Files.readString(workDirectory.resolve(name + ".log")));
      }
      Thread.sleep(20);
    }
    return new ServerProcess(
        process,
        Integer.parseInt(Files.readString(portFile).trim()),
        workDirectory.resolve(name + ".log"));
  }

  /** Runs {@code serve} with {@code args}; the caller waits for it. */
  static Process launch(Path workDirectory, String name, Path portFile, String... args)
      throws IOException {
    return launch(workDirectory, name, portFile, null, Map.of(), args);
  }

  private static Process launch(
      Path workDirectory,
      String name,
      Path portFile,
      @Nullable Path cwd,
      Map<String, String> env,
      String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            // As the ./leadscore launcher runs it.
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--metrics-port",
            "-1",
            "--port-file",
            portFile.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(workDirectory.resolve(name + ".log").toFile());
    builder.environment().putAll(env);
    if (cwd != null) {
      builder.directory(cwd.toFile());
    }
    return builder.start();
  }

  /** Waits for the process to end by itself; its exit status. */
  int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("server process still runs after " + seconds + " s");
    }
    return process.exitValue();
  }

  int port() {
    return port;
  }

  /** The exit status once the process ended within {@code timeout}, else empty. */
  Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        ? Optional.of(process.exitValue())
        : Optional.empty();
  }

  /** What the process wrote so far, standard output and error together. */
  String log() throws IOException {
    return Files.readString(log);
  }

  /** SIGKILL: no shutdown hook, no flush, no close. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("server process did not die");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
