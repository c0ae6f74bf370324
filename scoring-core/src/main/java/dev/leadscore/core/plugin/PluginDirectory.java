package dev.leadscore.core.plugin;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Loads third-party plugins from a directory with one sub-folder per plugin, each holding the
 * plugin's jars and those of its libraries (e.g. {@code plugins/email-domain/*.jar}). Each folder
 * gets its own {@link PluginClassLoader}, which exposes only the SPI and the JDK; its {@link
 * CriteriaPlugin}s are found through {@link ServiceLoader} in that class loader.
 *
 * <p>A folder that cannot be loaded fails start-up: a server missing a plugin would refuse every
 * model that uses it, or worse serve an older model without it, so the operator hears of it at
 * once. Every failing folder is reported, with its reason, before start-up gives up.
 */
public final class PluginDirectory {
  private static final System.Logger LOG = System.getLogger(PluginDirectory.class.getName());
  private static final String SERVICE = "META-INF/services/" + CriteriaPlugin.class.getName();

  private final Function<String, PluginExecutor> executors;

  /**
   * Loads plugins each of which runs on its own executor, made by {@code executors} from the plugin
   * folder's name, so that one plugin that hangs cannot take another's threads.
   */
  public PluginDirectory(Function<String, PluginExecutor> executors) {
    this.executors = requireNonNull(executors, "executors");
  }

  /** Loads plugins that all share {@code executor} (e.g. {@link PluginExecutor#direct()}). */
  public PluginDirectory(PluginExecutor executor) {
    requireNonNull(executor, "executor");
    this.executors = name -> executor;
  }

  /**
   * Loads every plugin folder of {@code directory}, sorted by name. Plain files are ignored, except
   * jars, which belong in a folder.
   *
   * @throws ScoringException {@link ScoringErrorCode#STARTUP_FAILED} naming each folder that failed
   *     and why
   */
  public ImmutableList<LoadedPlugin> load(Path directory) {
    requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new ScoringException(
          ScoringErrorCode.STARTUP_FAILED,
          "plugins directory " + directory + " does not exist (expected: a directory)");
    }
    List<FieldViolation> problems = new ArrayList<>();
    ImmutableList.Builder<LoadedPlugin> loaded = ImmutableList.builder();
    for (Path entry : list(directory)) {
      if (Files.isDirectory(entry)) {
        LoadedPlugin plugin = loadFolder(entry, problems);
        if (plugin != null) {
          loaded.add(plugin);
        }
      } else if (isJar(entry)) {
        problems.add(
            new FieldViolation(
                entry.toString(),
                "a jar directly in the plugins directory (expected: one sub-folder per plugin,"
                    + " holding its jars)"));
      }
    }
    if (!problems.isEmpty()) {
      throw ScoringException.invalid(
          ScoringErrorCode.STARTUP_FAILED, "plugins in " + directory + " failed to load", problems);
    }
    return loaded.build();
  }

  private @Nullable LoadedPlugin loadFolder(Path folder, List<FieldViolation> problems) {
    String name = folder.getFileName().toString();
    List<URL> jars = list(folder).stream().filter(PluginDirectory::isJar).map(this::url).toList();
    if (jars.isEmpty()) {
      problems.add(
          new FieldViolation(folder.toString(), "no .jar files (expected: the plugin's jars)"));
      return null;
    }
    PluginClassLoader classLoader =
        new PluginClassLoader(name, jars, CriteriaPlugin.class.getClassLoader());
    try {
      List<CriteriaPlugin> plugins =
          PluginExecutor.withContextClassLoader(classLoader, () -> discover(classLoader));
      if (plugins.isEmpty()) {
        problems.add(
            new FieldViolation(
                folder.toString(),
                "its jars register no plugin (expected: a class implementing "
                    + CriteriaPlugin.class.getName()
                    + " named in "
                    + SERVICE
                    + ")"));
        close(classLoader);
        return null;
      }
      PluginExecutor executor = executors.apply(name);
      ImmutableList.Builder<CriterionFactory> factories = ImmutableList.builder();
      for (CriteriaPlugin plugin : plugins) {
        for (CriterionFactory factory :
            PluginExecutor.withContextClassLoader(classLoader, plugin::criterionFactories)) {
          factories.add(new ExternalCriterionFactory(factory, name, classLoader, executor));
        }
      }
      LoadedPlugin loaded =
          new LoadedPlugin(
              name,
              folder,
              plugins.stream()
                  .map(p -> p.getClass().getName())
                  .collect(ImmutableList.toImmutableList()),
              factories.build(),
              executor);
      LOG.log(
          Level.INFO,
          "plugin {0}: {1} from {2} jar(s) in {3}, criterion types {4}",
          name,
          String.join(", ", loaded.pluginClasses()),
          jars.size(),
          folder,
          loaded.criterionTypes());
      return loaded;
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      LOG.log(Level.DEBUG, "plugin folder " + folder + " failed to load", e);
      problems.add(new FieldViolation(folder.toString(), reason(e)));
      close(classLoader);
      return null;
    }
  }

  private static List<CriteriaPlugin> discover(ClassLoader classLoader) {
    return ServiceLoader.load(CriteriaPlugin.class, classLoader).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(plugin -> plugin.getClass().getName()))
        .toList();
  }

  /** What went wrong, for the operator: the error and its first cause, without a stack trace. */
  static String reason(Throwable error) {
    String reason =
        error instanceof ServiceConfigurationError
            ? String.valueOf(error.getMessage())
            : error.toString();
    Throwable cause = error.getCause();
    return cause == null || cause == error ? reason : reason + ": caused by " + cause;
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  private static boolean isJar(Path path) {
    return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
  }

  private URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("jar path " + jar + " is not a URL", e);
    }
  }

  private static void close(PluginClassLoader classLoader) {
    try {
      classLoader.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "cannot close " + classLoader, e);
    }
  }
}
