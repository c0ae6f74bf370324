package dev.leadscore.testplugins.faulty;

import dev.leadscore.api.CriteriaPlugin;

/**
 * A plugin whose constructor throws. Not registered by this jar: tests register it with a second
 * jar holding only a {@code META-INF/services} file, to see a plugin folder fail at start-up.
 */
public final class ExplodingPlugin implements CriteriaPlugin {
  public ExplodingPlugin() {
    throw new IllegalStateException("license file missing");
  }
}
