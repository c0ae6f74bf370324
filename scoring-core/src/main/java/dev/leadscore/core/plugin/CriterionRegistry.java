package dev.leadscore.core.plugin;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Resolves criterion types to their factories. Immutable and thread-safe.
 *
 * <p>Two factories of the same type fail construction, naming both classes: a model must never
 * silently change meaning because a plugin was added.
 */
public final class CriterionRegistry {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private final ImmutableSortedMap<String, CriterionFactory> factories;
  private final CriterionFailures failures;

  @Inject
  CriterionRegistry(java.util.Set<CriterionFactory> factories) {
    this((Collection<CriterionFactory>) factories);
  }

  /**
   * @throws ScoringException ({@link ScoringErrorCode#STARTUP_FAILED}) on a duplicate or malformed
   *     type
   */
  public static CriterionRegistry of(Collection<CriterionFactory> factories) {
    return new CriterionRegistry(factories);
  }

  private CriterionRegistry(Collection<CriterionFactory> factories) {
    Map<String, CriterionFactory> byType = new TreeMap<>();
    for (CriterionFactory factory : factories) {
      String type = factory.type();
      if (!TYPE.matcher(type).matches()) {
        throw new ScoringException(
            ScoringErrorCode.STARTUP_FAILED,
            "criterion type \""
                + type
                + "\" of "
                + origin(factory)
                + " (expected: lowercase letters, digits and _, starting with a letter)");
      }
      CriterionFactory previous = byType.putIfAbsent(type, factory);
      if (previous != null) {
        throw new ScoringException(
            ScoringErrorCode.STARTUP_FAILED,
            "criterion type \""
                + type
                + "\" is provided twice: by "
                + origin(previous)
                + " and by "
                + origin(factory));
      }
    }
    this.factories = ImmutableSortedMap.copyOf(byType);
    this.failures = new CriterionFailures(byType.keySet());
  }

  /** The factory's class and, for a plugin loaded from a plugin folder, the folder. */
  private static String origin(CriterionFactory factory) {
    return factory instanceof ExternalCriterionFactory external
        ? external.origin()
        : factory.getClass().getName() + " (class path)";
  }

  /** The factory of {@code type}, if a plugin provides it. */
  public Optional<CriterionFactory> factory(String type) {
    return Optional.ofNullable(factories.get(type));
  }

  /** How often criteria of each type failed while scoring; models compiled here count into it. */
  public CriterionFailures failures() {
    return failures;
  }

  /** Every factory, by type. */
  public ImmutableSortedMap<String, CriterionFactory> factories() {
    return factories;
  }
}
