package dev.leadscore.api;

import java.util.List;

/**
 * Creates configured {@link Criterion} instances of one type. A model names the type in each
 * criterion's {@code type} field and carries the configuration this factory reads.
 *
 * <p>{@link #create} runs when a model is compiled, never while scoring: parse and validate the
 * whole configuration there, resolve names, precompute tables, so that {@link Criterion#evaluate}
 * only reads. Report every problem through {@link CriterionConfig#problem} (or the typed getters,
 * which report missing and mistyped values themselves) rather than stopping at the first one.
 * Settings that are valid but probably a mistake can be reported through {@link
 * CriterionConfig#warning(String, String)} (since 0.2); they are shown, never fatal.
 *
 * <p>Thread-safety: implementations must be safe to call from several threads at once.
 *
 * @since 0.1
 */
public interface CriterionFactory {

  /**
   * The criterion type this factory creates, as models name it: lowercase letters, digits and
   * {@code _}, e.g. {@code event_count}. Stable across releases of the plugin.
   *
   * @since 0.1
   */
  String type();

  /**
   * One sentence for people choosing a criterion type, e.g. in a model editor.
   *
   * @since 0.1
   */
  default String description() {
    return "";
  }

  /**
   * The configuration fields {@link #create} reads, for documentation and editors.
   *
   * @since 0.1
   */
  default List<ConfigField> configFields() {
    return List.of();
  }

  /**
   * Creates a criterion from its configuration.
   *
   * @param config the criterion's {@code config} object; problems are reported through it
   * @param context where the criterion stands in its model
   * @return the criterion; its value is ignored when {@code config} recorded a problem
   * @throws RuntimeException only for a defect of the plugin; the model then fails to compile with
   *     the criterion's path and the exception's message
   * @since 0.1
   */
  Criterion create(CriterionConfig config, CriterionContext context);
}
