package com.example.emaildomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.CriterionFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The plugin is found the way the server finds it: through ServiceLoader. */
class EmailDomainPluginTest {
  @Test
  void serviceLoader_findsPlugin_withEmailDomainType() {
    assertThat(ServiceLoader.load(CriteriaPlugin.class))
        .hasExactlyElementsOfTypes(EmailDomainPlugin.class)
        .flatExtracting(CriteriaPlugin::criterionFactories)
        .extracting(CriterionFactory::type)
        .containsExactly("email_domain");
  }
}
