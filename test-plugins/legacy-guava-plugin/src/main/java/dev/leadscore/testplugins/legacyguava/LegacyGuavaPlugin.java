package dev.leadscore.testplugins.legacyguava;

import com.google.common.base.Objects;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import java.nio.file.Path;
import java.util.List;

/**
 * Criterion type {@code legacy_guava}: one point, with a reason built by {@code
 * Objects.toStringHelper}, which exists in the Guava 16 this plugin brings and not in the server's
 * Guava 33. The reason names the jar the method came from.
 */
public final class LegacyGuavaPlugin implements CriteriaPlugin {
  @Override
  public List<CriterionFactory> criterionFactories() {
    return List.of(new Factory());
  }

  private static final class Factory implements CriterionFactory {
    @Override
    public String type() {
      return "legacy_guava";
    }

    @Override
    public Criterion create(CriterionConfig config, CriterionContext context) {
      config.allowOnly();
      return new LegacyGuavaCriterion();
    }
  }

  private static final class LegacyGuavaCriterion implements Criterion {
    @Override
    public CriterionResult evaluate(LeadView lead) {
      String described = Objects.toStringHelper("lead").add("id", lead.id()).toString();
      return new CriterionResult(1, described + " by " + guavaJar() + " (+1)");
    }
  }

  static String guavaJar() {
    try {
      return Path.of(Objects.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getFileName()
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
