package dev.leadscore.cli;

import dev.leadscore.core.plugin.PluginLimits;
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
          "Threads of each --plugins plugin (every plugin folder has its own); when all of a"
              + " plugin's are busy, its further criteria fail at once.")
  int pluginThreads = 32;

  @Option(
      names = "--plugin-factory-timeout",
      defaultValue = "10s",
      description =
          "Longest a --plugins plugin may take to create a criterion while a model is compiled"
              + " (start-up, ValidateModel, PublishModel, files changed by hand).",
      converter = DurationConverter.class)
  Duration factoryTimeout = Duration.ofSeconds(10);

  @Option(
      names = "--plugin-quarantine-after",
      defaultValue = "5",
      description =
          "Consecutive timeouts after which a --plugins plugin is quarantined: its criteria fail"
              + " at once, naming it, and its health status leadscore.plugin.<folder> is"
              + " NOT_SERVING; 0 never quarantines.")
  int quarantineAfter = 5;

  @Option(
      names = "--plugin-quarantine-period",
      defaultValue = "30s",
      description =
          "How long a quarantined plugin waits before one trial call may run (once the calls it"
              + " timed out on have returned their threads); in time, the quarantine is lifted.",
      converter = DurationConverter.class)
  Duration quarantinePeriod = Duration.ofSeconds(30);

  /** The limits these options describe. */
  PluginLimits limits() {
    return new PluginLimits(
        criterionTimeout, pluginThreads, factoryTimeout, quarantineAfter, quarantinePeriod);
  }

  /** A problem with these settings, or {@code null}. */
  @Nullable String problem() {
    try {
      limits();
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
