package com.example.emaildomain;

import dev.leadscore.api.AttributeType;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionResult;
import dev.leadscore.api.LeadView;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classifies the domain of a lead's e-mail address and gives the points of its class. A domain
 * matches a list entry when it equals it or is a subdomain of it ({@code eu.mailinator.com}).
 * Immutable and thread-safe.
 */
final class EmailDomainCriterion implements Criterion {
  private final String attribute;
  private final Set<String> free;
  private final Set<String> disposable;
  private final Map<DomainClass, Double> points;

  EmailDomainCriterion(
      String attribute, Set<String> free, Set<String> disposable, Map<DomainClass, Double> points) {
    this.attribute = attribute;
    this.free = Set.copyOf(free);
    this.disposable = Set.copyOf(disposable);
    this.points = Map.copyOf(points);
  }

  @Override
  public CriterionResult evaluate(LeadView lead) {
    String domain = domain(lead.stringAttribute(attribute));
    DomainClass domainClass = classify(domain);
    double result = points.get(domainClass);
    String subject =
        domain == null ? attribute + " is not an e-mail address" : "e-mail domain " + domain;
    String verdict = domain == null ? "" : " is " + domainClass.description();
    return new CriterionResult(result, subject + verdict + " (" + signed(result) + ")");
  }

  @Override
  public double points(LeadView lead) {
    return points.get(classify(domain(lead.stringAttribute(attribute))));
  }

  @Override
  public Map<String, AttributeType> attributeTypes() {
    return Map.of(attribute, AttributeType.STRING);
  }

  DomainClass classify(String domain) {
    if (domain == null) {
      return DomainClass.INVALID;
    }
    if (matches(domain, disposable)) {
      return DomainClass.DISPOSABLE;
    }
    return matches(domain, free) ? DomainClass.FREE : DomainClass.CORPORATE;
  }

  /** The lowercase domain of an address, {@code null} when it is not one. */
  static String domain(String address) {
    if (address == null) {
      return null;
    }
    int at = address.lastIndexOf('@');
    String domain = address.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    return at <= 0 || domain.indexOf('.') <= 0 || domain.endsWith(".") ? null : domain;
  }

  private static boolean matches(String domain, Set<String> list) {
    for (String candidate = domain; ; ) {
      if (list.contains(candidate)) {
        return true;
      }
      int dot = candidate.indexOf('.');
      if (dot < 0) {
        return false;
      }
      candidate = candidate.substring(dot + 1);
    }
  }

  private static String signed(double points) {
    String number =
        points == Math.rint(points) ? Long.toString((long) points) : Double.toString(points);
    return points >= 0 ? "+" + number : number;
  }
}
