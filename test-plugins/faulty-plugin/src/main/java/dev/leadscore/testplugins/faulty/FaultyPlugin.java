package dev.leadscore.testplugins.faulty;

import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import java.util.List;

/**
 * Criterion types with defects: {@code faulty_throwing} throws while scoring (with a message no
 * client may see), {@code faulty_blocking} blocks until interrupted, {@code faulty_rejecting}
 * refuses a {@code threshold} above 100.
 */
public final class FaultyPlugin implements CriteriaPlugin {
  /** What {@code faulty_throwing} throws with; must never reach a client. */
  public static final String SECRET = "password=hunter2 at db.internal:5432";

  @Override
  public List<CriterionFactory> criterionFactories() {
    return List.of(
        factory(
            "faulty_throwing",
            lead -> {
              throw new IllegalStateException(SECRET);
            }),
        factory("faulty_blocking", FaultyPlugin::block),
        new RejectingFactory());
  }

  private static CriterionResult block(LeadView lead) {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return CriterionResult.none("woke up");
  }

  private static CriterionFactory factory(String type, Criterion criterion) {
    return new CriterionFactory() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public Criterion create(CriterionConfig config, CriterionContext context) {
        return criterion;
      }
    };
  }

  private static final class RejectingFactory implements CriterionFactory {
    @Override
    public String type() {
      return "faulty_rejecting";
    }

    @Override
    public Criterion create(CriterionConfig config, CriterionContext context) {
      double threshold = config.number("threshold");
      if (threshold > 100) {
        config.problem(
            "threshold", "the faulty plugin refuses " + (long) threshold + " (expected: <= 100)");
      }
      return lead -> CriterionResult.none("accepted");
    }
  }
}
