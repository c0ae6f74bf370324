package com.example.emaildomain;

import dev.leadscore.api.AttributeType;
import dev.leadscore.api.LeadView;
import java.util.Map;

/** A lead with string attributes only and no events: all this plugin reads. */
final class FakeLeadView implements LeadView {
  private final Map<String, String> attributes;

  FakeLeadView(Map<String, String> attributes) {
    this.attributes = Map.copyOf(attributes);
  }

  static FakeLeadView withEmail(String email) {
    return new FakeLeadView(Map.of("email", email));
  }

  @Override
  public String id() {
    return "lead-1";
  }

  @Override
  public long asOfMillis() {
    return 0;
  }

  @Override
  public AttributeType attributeType(String name) {
    return attributes.containsKey(name) ? AttributeType.STRING : AttributeType.MISSING;
  }

  @Override
  public String stringAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public double numberAttribute(String name) {
    return Double.NaN;
  }

  @Override
  public Boolean booleanAttribute(String name) {
    return null;
  }

  @Override
  public int eventCount() {
    return 0;
  }

  @Override
  public String eventType(int index) {
    throw new IndexOutOfBoundsException(index);
  }

  @Override
  public long eventTimeMillis(int index) {
    throw new IndexOutOfBoundsException(index);
  }

  @Override
  public String eventStringProperty(int index, String name) {
    throw new IndexOutOfBoundsException(index);
  }
}
