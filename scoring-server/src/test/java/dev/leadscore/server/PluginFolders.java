package dev.leadscore.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real plugin folders for tests, from jars the build made: the example plugin's jar and each
 * test-plugins module's {@code target/plugin} folder (its jar plus its libraries).
 */
public final class PluginFolders {
  /** The example plugin of {@code examples/email-domain-plugin}, type {@code email_domain}. */
  public static final String EMAIL_DOMAIN = "email-domain";

  /** Brings Guava 16; type {@code legacy_guava}. */
  public static final String LEGACY_GUAVA = "legacy-guava-plugin";

  /** Wires itself with its own Guice injector; type {@code seniority}. */
  public static final String GUICE = "guice-plugin";

  /** Types {@code faulty_throwing}, {@code faulty_blocking}, {@code faulty_rejecting}. */
  public static final String FAULTY = "faulty-plugin";

  /**
   * Misbehaves against the server: types {@code rogue_stuck} (ignores interrupts), {@code
   * rogue_slow_factory}, {@code rogue_throwing_factory}, {@code rogue_exiting} (System.exit).
   */
  public static final String ROGUE = "rogue-plugin";

  /** Declares the built-in type {@code attribute} once more. */
  public static final String CLASHING = "clashing-plugin";

  private PluginFolders() {}

  /** Copies each named plugin into {@code plugins/<name>/}; returns {@code plugins}. */
  public static Path copy(Path plugins, String... names) {
    for (String name : names) {
      copy(name, plugins.resolve(name));
    }
    return plugins;
  }

  /** Copies the jars of plugin {@code name} into {@code folder}. */
  public static void copy(String name, Path folder) {
    try {
      Files.createDirectories(folder);
      for (Path jar : jars(name)) {
        Files.copy(jar, folder.resolve(jar.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jars of plugin {@code name}, as the build left them. */
  public static List<Path> jars(String name) {
    Path source =
        name.equals(EMAIL_DOMAIN)
            ? Path.of(System.getProperty("leadscore.examples", "../examples"))
                .resolve("email-domain-plugin/target")
            : Path.of(System.getProperty("leadscore.testPlugins", "../test-plugins"))
                .resolve(name)
                .resolve("target/plugin");
    try (Stream<Path> files = Files.list(source)) {
      List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
      if (jars.isEmpty()) {
        throw new IllegalStateException("no jars in " + source);
      }
      return jars;
    } catch (IOException e) {
      throw new IllegalStateException(
          "plugin " + name + " is not built in " + source + " (run mvn verify at the root)", e);
    }
  }

  /** Deletes a directory tree. */
  public static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
