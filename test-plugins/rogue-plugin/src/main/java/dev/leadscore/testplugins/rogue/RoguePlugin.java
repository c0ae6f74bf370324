package dev.leadscore.testplugins.rogue;

import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.api.CriterionResult;
import java.util.List;
import java.util.function.Function;

/**
 * Criterion types that attack the server rather than fail on their own:
 *
 * <ul>
 *   <li>{@code rogue_stuck}: for a lead whose attribute {@code stall} is {@code true}, holds its
 *       thread for {@code hold_ms} (default 2000) and ignores interrupts; {@code busy: true} spins
 *       on the CPU meanwhile instead of sleeping. Other leads get 1 point at once.
 *   <li>{@code rogue_slow_factory}: {@code create} holds for {@code hold_ms}, ignoring interrupts.
 *   <li>{@code rogue_throwing_factory}: {@code create} throws with {@link #SECRET} in its message.
 *   <li>{@code rogue_exiting}: scoring calls {@code System.exit(0)}.
 * </ul>
 *
 * Holds are bounded so that a test's threads end soon after the test.
 */
public final class RoguePlugin implements CriteriaPlugin {
  /** What {@code rogue_throwing_factory} throws with; must never reach a client. */
  public static final String SECRET = "token=rogue-factory-secret";

  @Override
  public List<CriterionFactory> criterionFactories() {
    return List.of(
        factory("rogue_stuck", RoguePlugin::stuck),
        factory(
            "rogue_slow_factory",
            config -> {
              hold((long) config.number("hold_ms", 2000), false);
              return lead -> new CriterionResult(1, "created slowly");
            }),
        factory(
            "rogue_throwing_factory",
            config -> {
              throw new IllegalStateException("cannot reach " + SECRET);
            }),
        factory(
            "rogue_exiting",
            config ->
                lead -> {
                  System.exit(0);
                  return CriterionResult.none("unreachable");
                }));
  }

  private static Criterion stuck(CriterionConfig config) {
    long holdMillis = (long) config.number("hold_ms", 2000);
    boolean busy = config.bool("busy", false);
    return lead -> {
      if (Boolean.TRUE.equals(lead.booleanAttribute("stall"))) {
        hold(holdMillis, busy);
        return CriterionResult.none("held for " + holdMillis + " ms");
      }
      return new CriterionResult(1, "not stalled (+1)");
    };
  }

  /** Holds the calling thread for {@code millis}, ignoring interrupts. */
  private static void hold(long millis, boolean busy) {
    long end = System.nanoTime() + millis * 1_000_000;
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      if (busy) {
        Thread.onSpinWait();
        continue;
      }
      try {
        Thread.sleep(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        // Ignored on purpose: this is the plugin the server must contain.
      }
    }
  }

  private static CriterionFactory factory(
      String type, Function<CriterionConfig, Criterion> create) {
    return new CriterionFactory() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public Criterion create(CriterionConfig config, CriterionContext context) {
        return create.apply(config);
      }
    };
  }
}
