package dev.leadscore.cli;

import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import java.util.List;

/**
 * A criterion type whose evaluation throws an {@link OutOfMemoryError}, as a server thread that
 * runs out of memory would see it; registered for the command line's tests through
 * META-INF/services, so a child {@code serve} on the test class path has it as a built-in type.
 */
public final class FatalCriteriaPlugin implements CriteriaPlugin {
  static final String TYPE = "test_fatal";

  @Override
  public List<CriterionFactory> criterionFactories() {
    return List.of(
        new CriterionFactory() {
          @Override
          public String type() {
            return TYPE;
          }

          @Override
          public Criterion create(CriterionConfig config, CriterionContext context) {
            return lead -> {
              throw new OutOfMemoryError("test_fatal: thrown on purpose");
            };
          }
        });
  }
}
