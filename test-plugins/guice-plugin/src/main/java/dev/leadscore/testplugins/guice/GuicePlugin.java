package dev.leadscore.testplugins.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.CriterionFactory;
import java.util.List;
import java.util.Set;

/**
 * A plugin wired with Guice, the way {@link CriteriaPlugin}'s javadoc describes: it builds its own
 * injector from its own module and hands the server plain factories. The server never sees a Guice
 * type, and this plugin's Guice (with its Guava) is its own copy, loaded by its class loader.
 */
public final class GuicePlugin implements CriteriaPlugin {
  @Override
  public List<CriterionFactory> criterionFactories() {
    Injector injector = Guice.createInjector(new SeniorityModule());
    return List.copyOf(injector.getInstance(FactorySet.class).factories());
  }

  /** Binds the title classifier and the factories that use it. */
  static final class SeniorityModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(TitleClassifier.class).toInstance(new TitleClassifier(List.of("chief", "vp", "head")));
      Multibinder.newSetBinder(binder(), CriterionFactory.class)
          .addBinding()
          .to(SeniorityCriterionFactory.class);
    }
  }

  /** The bound factories, read once from the injector. */
  static final class FactorySet {
    private final Set<CriterionFactory> factories;

    @jakarta.inject.Inject
    FactorySet(Set<CriterionFactory> factories) {
      this.factories = factories;
    }

    Set<CriterionFactory> factories() {
      return factories;
    }
  }
}
