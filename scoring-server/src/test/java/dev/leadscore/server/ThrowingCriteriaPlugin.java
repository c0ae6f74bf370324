package dev.leadscore.server;

import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import java.util.List;

/**
 * A third-party plugin with a defect, registered for tests through META-INF/services: its {@code
 * test_throwing} criterion throws while scoring, its {@code test_broken_factory} factory throws
 * while compiling.
 */
public final class ThrowingCriteriaPlugin implements CriteriaPlugin {
  static final String SECRET = "connection string jdbc:secret@10.0.0.1";

  @Override
  public List<CriterionFactory> criterionFactories() {
    return List.of(new ThrowingFactory(), new BrokenFactory());
  }

  private static final class ThrowingFactory implements CriterionFactory {
    @Override
    public String type() {
      return "test_throwing";
    }

    @Override
    public Criterion create(CriterionConfig config, CriterionContext context) {
      return new Criterion() {
        @Override
        public CriterionResult evaluate(LeadView lead) {
          throw new IllegalStateException(SECRET);
        }
      };
    }
  }

  private static final class BrokenFactory implements CriterionFactory {
    @Override
    public String type() {
      return "test_broken_factory";
    }

    @Override
    public Criterion create(CriterionConfig config, CriterionContext context) {
      throw new IllegalArgumentException("lookup table is corrupt");
    }
  }
}
