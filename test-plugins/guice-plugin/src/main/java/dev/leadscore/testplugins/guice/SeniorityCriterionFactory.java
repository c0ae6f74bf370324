package dev.leadscore.testplugins.guice;

import com.google.inject.Injector;
import dev.leadscore.api.AttributeType;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Criterion type {@code seniority}: {@code points} (default 15) for a senior {@code job_title}.
 * Constructed by Guice with the classifier; the reason names the injector's class loader so tests
 * can see whose Guice built it.
 */
final class SeniorityCriterionFactory implements CriterionFactory {
  private final TitleClassifier classifier;
  private final String wiredBy;

  @Inject
  SeniorityCriterionFactory(TitleClassifier classifier, Injector injector) {
    this.classifier = classifier;
    this.wiredBy = String.valueOf(injector.getClass().getClassLoader());
  }

  @Override
  public String type() {
    return "seniority";
  }

  @Override
  public Criterion create(CriterionConfig config, CriterionContext context) {
    config.allowOnly("points");
    double points = config.number("points", 15);
    return new Criterion() {
      @Override
      public CriterionResult evaluate(LeadView lead) {
        String title = lead.stringAttribute("job_title");
        return title != null && classifier.isSenior(title)
            ? new CriterionResult(points, "senior job_title, wired by Guice in " + wiredBy)
            : CriterionResult.none("job_title not senior");
      }

      @Override
      public Map<String, AttributeType> attributeTypes() {
        return Map.of("job_title", AttributeType.STRING);
      }
    };
  }
}
