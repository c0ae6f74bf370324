package dev.leadscore.testplugins.clashing;

import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.api.CriterionResult;
import java.util.List;

/** Declares criterion type {@code attribute}, which the built-in plugin already provides. */
public final class ClashingPlugin implements CriteriaPlugin {
  @Override
  public List<CriterionFactory> criterionFactories() {
    return List.of(new ClashingAttributeFactory());
  }

  /** A second {@code attribute} factory. */
  public static final class ClashingAttributeFactory implements CriterionFactory {
    @Override
    public String type() {
      return "attribute";
    }

    @Override
    public Criterion create(CriterionConfig config, CriterionContext context) {
      return lead -> CriterionResult.none("never used");
    }
  }
}
