package dev.leadscore.core.plugin;

/**
 * A criterion of an external plugin ran into a limit of its {@link PluginExecutor}: it did not
 * finish in time and was cancelled, or no plugin thread was free to run it. Its message is safe for
 * clients: it states the limit, nothing of the plugin's state.
 */
public final class CriterionLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CriterionLimitException(String message) {
    super(message, null, false, false);
  }
}
