package dev.leadscore.core.account;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import dev.leadscore.api.AttributeType;
import dev.leadscore.api.EventIndices;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.lead.ScoringLead;
import dev.leadscore.core.state.AccountView;
import dev.leadscore.proto.v1.Lead;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An account as an account model's criteria and rules see it: a lead without events whose id is the
 * account id and whose attributes are the account's attributes plus {@code contacts}, {@code
 * engaged_contacts} and {@code engaged_roles}; the account criteria read the members through {@link
 * #account()}. Lives for one scoring.
 */
final class AccountLeadView implements ScoringLead {
  private final AccountView account;
  private final ProtoLeadView lead;

  AccountLeadView(AccountView account, long asOfMillis) {
    this.account = account;
    Lead.Builder lead =
        Lead.newBuilder().setId(account.key().accountId()).putAllAttributes(account.attributes());
    ListValue.Builder roles = ListValue.newBuilder();
    for (String role : account.engagedRoles().keySet()) {
      roles.addValues(Value.newBuilder().setStringValue(role));
    }
    lead.putAttributes(AccountDefinition.CONTACTS, number(account.memberCount()))
        .putAttributes(AccountDefinition.ENGAGED_CONTACTS, number(account.engagedCount()))
        .putAttributes(
            AccountDefinition.ENGAGED_ROLES, Value.newBuilder().setListValue(roles).build());
    this.lead = new ProtoLeadView(lead.build(), asOfMillis);
  }

  private static Value number(int value) {
    return Value.newBuilder().setNumberValue(value).build();
  }

  /** The account's members. */
  AccountView account() {
    return account;
  }

  /** The account behind a view an account criterion is given. */
  static AccountView of(dev.leadscore.api.LeadView view) {
    if (view instanceof AccountLeadView accountView) {
      return accountView.account;
    }
    throw new IllegalStateException("an account criterion scored a lead (expected: an account)");
  }

  @Override
  public String id() {
    return lead.id();
  }

  @Override
  public long asOfMillis() {
    return lead.asOfMillis();
  }

  @Override
  public AttributeType attributeType(String name) {
    return lead.attributeType(name);
  }

  @Override
  public @Nullable String stringAttribute(String name) {
    return lead.stringAttribute(name);
  }

  @Override
  public double numberAttribute(String name) {
    return lead.numberAttribute(name);
  }

  @Override
  public @Nullable Boolean booleanAttribute(String name) {
    return lead.booleanAttribute(name);
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
  public @Nullable String eventStringProperty(int index, String name) {
    throw new IndexOutOfBoundsException(index);
  }

  @Override
  public EventIndices eventsOfType(String type) {
    return EventIndices.none();
  }

  @Override
  public Map<String, Object> attributeValues() {
    return lead.attributeValues();
  }

  @Override
  public Map<String, Long> eventCounts() {
    return Map.of();
  }
}
