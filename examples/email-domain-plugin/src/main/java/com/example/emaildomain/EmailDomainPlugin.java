package com.example.emaildomain;

import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.CriterionFactory;
import java.util.List;

/**
 * The plugin's entry point, named in {@code META-INF/services/dev.leadscore.api.CriteriaPlugin}:
 * provides criterion type {@code email_domain}.
 */
public final class EmailDomainPlugin implements CriteriaPlugin {
  @Override
  public List<CriterionFactory> criterionFactories() {
    return List.of(new EmailDomainCriterionFactory());
  }
}
