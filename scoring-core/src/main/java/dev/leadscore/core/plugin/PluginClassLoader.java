package dev.leadscore.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The class loader of one plugin folder. Its parent is the platform class loader, so a plugin sees
 * the JDK and its own jars but none of the server's libraries; the SPI ({@code dev.leadscore.api})
 * alone is delegated to the class loader that loaded it, so the plugin's {@code CriteriaPlugin} is
 * the server's. Everything else is looked up in the plugin's jars first: a plugin may bring any
 * version of Guava, Jackson or Guice without clashing with the server's copies.
 *
 * <p>Design notes: modelled on Trino's {@code PluginClassLoader}. The SPI check runs before the
 * usual parent-first lookup, so an SPI class bundled by mistake in a plugin jar is never defined
 * twice (that would make the plugin's {@code CriteriaPlugin} a different type and ServiceLoader
 * would refuse it).
 */
final class PluginClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  /** The start of every plugin class loader's name, before the plugin folder's name. */
  static final String NAME_PREFIX = "plugin-";

  private static final String SPI_PACKAGE = "dev.leadscore.api.";
  private static final String SPI_RESOURCES = "dev/leadscore/api/";

  private final String pluginName;
  private final ClassLoader spiClassLoader;

  PluginClassLoader(String pluginName, List<URL> jars, ClassLoader spiClassLoader) {
    super(loaderName(pluginName), jars.toArray(new URL[0]), getPlatformClassLoader());
    this.pluginName = pluginName;
    this.spiClassLoader = spiClassLoader;
  }

  /** The class loader name of plugin folder {@code pluginName}, as stack traces show it. */
  static String loaderName(String pluginName) {
    return NAME_PREFIX + pluginName;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded =
            name.startsWith(SPI_PACKAGE)
                ? spiClassLoader.loadClass(name)
                : super.loadClass(name, false);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public @Nullable URL getResource(String name) {
    return name.startsWith(SPI_RESOURCES)
        ? spiClassLoader.getResource(name)
        : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return name.startsWith(SPI_RESOURCES)
        ? spiClassLoader.getResources(name)
        : super.getResources(name);
  }

  @Override
  public String toString() {
    return "PluginClassLoader[" + pluginName + "]";
  }
}
