package dev.leadscore.api;

import java.util.List;

/**
 * The entry point of a criteria plugin, found through {@link java.util.ServiceLoader}. List the
 * implementing class in {@code META-INF/services/dev.leadscore.api.CriteriaPlugin}; it needs a
 * public no-argument constructor.
 *
 * <p>Every method has a default that returns nothing, so capabilities added in later versions of
 * this SPI never break a plugin compiled against an earlier one. Implementations should not throw:
 * a plugin that cannot run (a missing native library, say) returns no factories.
 *
 * <h2>Packaging and class loading</h2>
 *
 * A third-party plugin is a folder of jars in the server's plugin directory ({@code leadscore serve
 * --plugins DIR}, one sub-folder per plugin): the plugin's own jar and the jars of every library it
 * uses. Compile against {@code dev.leadscore:scoring-api} in {@code provided} scope and do not
 * bundle it. Each folder gets its own class loader, which sees this package and the JDK and nothing
 * else of the server: bring any version of Guava, Jackson or Guice you like; it will not meet the
 * server's. While the server calls into a plugin it sets the thread's context class loader to the
 * plugin's, so libraries that look up services through it find the plugin's.
 *
 * <h2>Wiring: a plugin is not required to use Guice</h2>
 *
 * The server hands a plugin nothing to inject into, and no Guice type appears in this SPI. A plugin
 * that wants dependency injection builds its own injector from its own modules, once, in {@link
 * #criterionFactories} (or its constructor), and returns the factories it gets from it:
 *
 * <pre>{@code
 * public final class EnrichmentPlugin implements CriteriaPlugin {
 *   public List<CriterionFactory> criterionFactories() {
 *     Injector injector = Guice.createInjector(new EnrichmentModule());
 *     return List.of(injector.getInstance(EnrichmentCriterionFactory.class));
 *   }
 * }
 * }</pre>
 *
 * The injector and everything in it belong to the plugin: its Guice comes from the plugin's folder,
 * and the server never sees it. A plugin without Guice simply constructs its factories.
 *
 * <h2>Failures and time limits</h2>
 *
 * A factory that rejects its configuration fails the model's compilation, with the criterion's path
 * and the factory's message. A criterion that throws while scoring fails that request only ({@code
 * INTERNAL}, naming the criterion; its message stays in the server's log). Criteria of plugins
 * loaded from the plugin directory run on a bounded pool of server threads, each call limited to
 * the server's {@code --criterion-timeout} and the caller's deadline; a criterion that overruns is
 * interrupted and fails its request. Honour interrupts in anything that blocks.
 *
 * <p>Thread-safety: called once, at start-up, from one thread.
 *
 * @since 0.1
 */
public interface CriteriaPlugin {

  /**
   * The criterion factories this plugin provides. Each factory's {@link CriterionFactory#type()}
   * must be unique across all plugins loaded by a server; a duplicate fails start-up.
   *
   * @return the factories, never {@code null}
   * @since 0.1
   */
  default List<CriterionFactory> criterionFactories() {
    return List.of();
  }
}
