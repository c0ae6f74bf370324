package dev.leadscore.testing;

import static java.util.Objects.requireNonNull;

import dev.leadscore.api.ConfigProblem;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Creates criteria the way model compilation does: the config at {@link #PATH}, the context of
 * criterion {@code c0} of model {@code test-model} in dimension {@code fit}, so problem paths read
 * as they would in a model ({@code criteria[0].config.cases[1].min}).
 */
public final class Criteria {
  /** Where the config sits in the model these helpers pretend to compile. */
  public static final String PATH = "criteria[0].config";

  /** The context every criterion created here gets. */
  public static final CriterionContext CONTEXT = new CriterionContext("test-model", "c0", "fit");

  private Criteria() {}

  /**
   * A criterion from a valid config.
   *
   * @param config the config as a model's JSON gives it: String, Double, Boolean, List and Map
   *     values
   * @throws AssertionError listing every problem, if the factory reported any
   */
  public static Criterion create(CriterionFactory factory, Map<String, ?> config) {
    CriterionConfig criterionConfig = CriterionConfig.of(PATH, config);
    Criterion criterion = factory.create(criterionConfig, CONTEXT);
    if (!criterionConfig.problems().isEmpty()) {
      throw new AssertionError(
          "expected a valid config, but "
              + factory.type()
              + " reported "
              + problems(criterionConfig));
    }
    return criterion;
  }

  /** The problems the factory reports for {@code config}, each as {@code path: message}. */
  public static List<String> problems(CriterionFactory factory, Map<String, ?> config) {
    return problems(factory, PATH, config);
  }

  /**
   * The problems the factory reports for {@code config} placed at {@code path} of a model (e.g.
   * {@code criteria[2].config}), each as {@code path: message}.
   */
  public static List<String> problems(
      CriterionFactory factory, String path, Map<String, ?> config) {
    CriterionConfig criterionConfig = CriterionConfig.of(path, config);
    factory.create(criterionConfig, CONTEXT);
    return problems(criterionConfig);
  }

  /** The warnings the factory reports for a valid {@code config}, each as {@code path: message}. */
  public static List<String> warnings(CriterionFactory factory, Map<String, ?> config) {
    CriterionConfig criterionConfig = CriterionConfig.of(PATH, config);
    factory.create(criterionConfig, CONTEXT);
    return criterionConfig.warnings().stream().map(ConfigProblem::toString).toList();
  }

  /**
   * The plugin of class {@code pluginClass} as the server finds it: through {@link ServiceLoader}
   * and the {@code META-INF/services/dev.leadscore.api.CriteriaPlugin} file of its jar.
   *
   * @throws AssertionError if the class is not registered there exactly once
   */
  public static <P extends CriteriaPlugin> P discover(Class<P> pluginClass) {
    requireNonNull(pluginClass, "pluginClass");
    List<P> found =
        ServiceLoader.load(CriteriaPlugin.class, pluginClass.getClassLoader()).stream()
            .filter(provider -> provider.type() == pluginClass)
            .map(provider -> pluginClass.cast(provider.get()))
            .toList();
    if (found.size() != 1) {
      throw new AssertionError(
          pluginClass.getName()
              + " registered "
              + found.size()
              + " times in META-INF/services/"
              + CriteriaPlugin.class.getName()
              + " (expected: once)");
    }
    return found.get(0);
  }

  private static List<String> problems(CriterionConfig config) {
    return config.problems().stream().map(ConfigProblem::toString).toList();
  }
}
