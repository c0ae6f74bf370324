package dev.leadscore.core.plugin;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds out, while the JVM shuts down, whether a plugin started the shutdown by calling {@code
 * System.exit} (or {@code Runtime.exit}).
 *
 * <p>Design notes: a JVM cannot refuse {@code System.exit} any more: the {@code SecurityManager}
 * that could is deprecated for removal since Java 17 and cannot be enabled since Java 24. What a
 * server can still do is notice it. The thread that called {@code exit} waits inside {@code
 * Runtime.exit} while the shutdown hooks run, so a hook can read its stack: if a frame below {@code
 * Runtime.exit} belongs to a class of a plugin's class loader (named {@code plugin-<folder>}), that
 * plugin ended the process. The caller (the {@code serve} command's hook) then logs the plugin and
 * ends the process with {@link #STATUS} instead of the status the plugin chose, so a supervisor
 * restarts it and nobody mistakes it for a clean stop. A plugin calling {@code Runtime.halt} runs
 * no hook and cannot be noticed.
 */
public final class PluginExits {
  /** The exit status of a process a plugin tried to end: 70, {@code EX_SOFTWARE} of sysexits.h. */
  public static final int STATUS = 70;

  private PluginExits() {}

  /**
   * The plugin folder whose code is calling {@code exit} in one of {@code stacks}, if any.
   *
   * @param plugins the names of the loaded plugin folders
   * @param stacks the stacks of live threads, as {@link Thread#getAllStackTraces()} gives them
   */
  public static Optional<String> exitingPlugin(
      Collection<String> plugins, Map<Thread, StackTraceElement[]> stacks) {
    requireNonNull(plugins, "plugins");
    requireNonNull(stacks, "stacks");
    Set<String> loaders =
        plugins.stream().map(PluginClassLoader::loaderName).collect(Collectors.toSet());
    for (StackTraceElement[] stack : stacks.values()) {
      Optional<String> plugin = exitingPlugin(loaders, stack);
      if (plugin.isPresent()) {
        return plugin;
      }
    }
    return Optional.empty();
  }

  /** {@link #exitingPlugin(Collection, Map)} over the threads alive now. */
  public static Optional<String> exitingPlugin(Collection<String> plugins) {
    return exitingPlugin(plugins, Thread.getAllStackTraces());
  }

  private static Optional<String> exitingPlugin(Set<String> loaders, StackTraceElement[] stack) {
    for (int i = 0; i < stack.length; i++) {
      if (stack[i].getClassName().equals("java.lang.Runtime")
          && stack[i].getMethodName().equals("exit")) {
        for (int caller = i + 1; caller < stack.length; caller++) {
          String loader = stack[caller].getClassLoaderName();
          if (loader != null && loaders.contains(loader)) {
            return Optional.of(loader.substring(PluginClassLoader.NAME_PREFIX.length()));
          }
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
