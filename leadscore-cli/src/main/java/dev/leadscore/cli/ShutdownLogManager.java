package dev.leadscore.cli;

import java.util.logging.LogManager;

/**
 * A {@link LogManager} that keeps its handlers through JVM shutdown, so that the drain after
 * SIGTERM is logged. The JDK's manager resets (closes) every handler from its own shutdown hook,
 * which runs beside ours and silences it; like Tomcat's {@code ClassLoaderLogManager}, this one
 * ignores that one call. Installed by {@link Main} through {@code java.util.logging.manager} unless
 * another manager is configured.
 */
public final class ShutdownLogManager extends LogManager {

  /** Called by {@link LogManager} through reflection. */
  public ShutdownLogManager() {}

  @Override
  public void reset() {
    if (Thread.currentThread().getClass().getName().startsWith(LogManager.class.getName() + "$")) {
      return;
    }
    super.reset();
  }
}
