package com.example.emaildomain;

import dev.leadscore.api.ConfigField;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Criterion type {@code email_domain}. Reads the whole configuration, reports every problem with
 * its path, and builds the domain sets once, so scoring only looks up. Thread-safe (stateless).
 */
public final class EmailDomainCriterionFactory implements CriterionFactory {
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");

  @Override
  public String type() {
    return "email_domain";
  }

  @Override
  public String description() {
    return "Points for the kind of e-mail domain: corporate, free webmail or disposable.";
  }

  @Override
  public List<ConfigField> configFields() {
    return List.of(
        new ConfigField("attribute", "string", false, "the lead attribute with the address; email"),
        new ConfigField("corporate_points", "number", false, "points for a company domain; 10"),
        new ConfigField("free_points", "number", false, "points for free webmail; 0"),
        new ConfigField("disposable_points", "number", false, "points for a throwaway inbox; -20"),
        new ConfigField("invalid_points", "number", false, "points for no or a bad address; 0"),
        new ConfigField("free_domains", "list<string>", false, "more free webmail domains"),
        new ConfigField("disposable_domains", "list<string>", false, "more disposable domains"),
        new ConfigField(
            "use_default_lists", "boolean", false, "start from the built-in lists; true"));
  }

  @Override
  public Criterion create(CriterionConfig config, CriterionContext context) {
    config.allowOnly(
        "attribute",
        "corporate_points",
        "free_points",
        "disposable_points",
        "invalid_points",
        "free_domains",
        "disposable_domains",
        "use_default_lists");
    String attribute = config.has("attribute") ? config.string("attribute") : "email";
    Map<DomainClass, Double> points = new EnumMap<>(DomainClass.class);
    points.put(DomainClass.CORPORATE, config.number("corporate_points", 10));
    points.put(DomainClass.FREE, config.number("free_points", 0));
    points.put(DomainClass.DISPOSABLE, config.number("disposable_points", -20));
    points.put(DomainClass.INVALID, config.number("invalid_points", 0));
    boolean defaults = config.bool("use_default_lists", true);
    Set<String> free = domains(config, "free_domains", defaults ? DefaultDomains.FREE : Set.of());
    Set<String> disposable =
        domains(config, "disposable_domains", defaults ? DefaultDomains.DISPOSABLE : Set.of());
    for (String domain : free) {
      if (disposable.contains(domain)) {
        config.problem(
            "free_domains",
            "\"" + domain + "\" is also a disposable domain (expected: one list per domain)");
      }
    }
    return new EmailDomainCriterion(attribute, free, disposable, points);
  }

  private static Set<String> domains(CriterionConfig config, String key, Set<String> defaults) {
    Set<String> domains = new HashSet<>(defaults);
    if (!config.has(key)) {
      return domains;
    }
    List<String> given = config.stringList(key);
    for (int i = 0; i < given.size(); i++) {
      String domain = given.get(i).trim().toLowerCase(Locale.ROOT);
      if (DOMAIN.matcher(domain).matches()) {
        domains.add(domain);
      } else {
        config.problem(
            key + "[" + i + "]",
            "\"" + given.get(i) + "\" (expected: a domain such as example.com, without @)");
      }
    }
    return domains;
  }
}
