package dev.leadscore.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.spi.Message;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelLimits;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.plugin.PluginModule;
import java.util.function.BooleanSupplier;

/**
 * The engine wired from a list of plugins: the criterion types they declare and the compiler that
 * turns model documents into scoring models with them. The one place that creates the injector
 * ({@link PluginModule} + {@link CoreModule}); the server, the command line, the benchmarks and the
 * tests all start here. Immutable and thread-safe.
 */
public final class Engine {
  private final CriterionRegistry criterionTypes;
  private final ModelCompiler compiler;

  private Engine(Injector injector) {
    this.criterionTypes = injector.getInstance(CriterionRegistry.class);
    this.compiler = injector.getInstance(ModelCompiler.class);
  }

  /**
   * The engine of {@code plugins}, in the order given.
   *
   * @throws ScoringException {@link ScoringErrorCode#STARTUP_FAILED} if two plugins declare the
   *     same criterion type (naming both classes)
   */
  public static Engine of(ImmutableList<CriteriaPlugin> plugins) {
    return of(plugins, ModelLimits.defaults(), () -> false);
  }

  /**
   * The engine of {@code plugins}, in the order given, with its models bounded by {@code limits}.
   *
   * @param cancelled whether the call being served on the current thread was cancelled or its
   *     deadline passed; a costly rule stops once it is
   * @throws ScoringException {@link ScoringErrorCode#STARTUP_FAILED} if two plugins declare the
   *     same criterion type (naming both classes)
   */
  public static Engine of(
      ImmutableList<CriteriaPlugin> plugins, ModelLimits limits, BooleanSupplier cancelled) {
    requireNonNull(plugins, "plugins");
    try {
      return new Engine(
          Guice.createInjector(new PluginModule(plugins), new CoreModule(limits, cancelled)));
    } catch (CreationException e) {
      // Guice wraps what a provider threw; a ScoringException is the message for the user.
      for (Message message : e.getErrorMessages()) {
        if (message.getCause() instanceof ScoringException scoring) {
          throw scoring;
        }
      }
      throw e;
    }
  }

  /** The engine of the built-in plugins, those on the class path that loaded the SPI. */
  public static Engine builtin() {
    return of(CriteriaPlugins.discoverBuiltin());
  }

  /** Every criterion type, with its factory and its failure counts. */
  public CriterionRegistry criterionTypes() {
    return criterionTypes;
  }

  /** Compiles model documents with these criterion types. */
  public ModelCompiler compiler() {
    return compiler;
  }
}
