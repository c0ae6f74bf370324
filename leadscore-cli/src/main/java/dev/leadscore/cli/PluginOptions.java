package dev.leadscore.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code serve} options of third-party criteria plugins. */
final class PluginOptions {

  @Option(
      names = "--plugins",
      description =
          "Plugin directory: one sub-folder per plugin holding its jars, each loaded in its own"
              + " class loader. A folder that fails to load stops start-up.")
  @Nullable Path plugins;

  @Option(
      names = "--criterion-timeout",
      defaultValue = "1s",
      description =
          "Longest a criterion of a --plugins plugin may run for one lead, further capped by the"
              + " call's deadline; 0s runs them on the request thread without a limit.",
      converter = DurationConverter.class)
  Duration criterionTimeout = Duration.ofSeconds(1);

  @Option(
      names = "--plugin-threads",
      defaultValue = "32",
      description =
          "Threads that run criteria of --plugins plugins; when all are busy, further criteria"
              + " fail at once.")
  int pluginThreads = 32;

  /** A problem with these settings, or {@code null}. */
  @Nullable String problem() {
    if (pluginThreads < 1 || criterionTimeout.isNegative()) {
      return "--plugin-threads "
          + pluginThreads
          + ", --criterion-timeout "
          + criterionTimeout
          + " (expected: threads >= 1, timeout >= 0s)";
    }
    return null;
  }
}
