package dev.leadscore.core.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.leadscore.api.AttributeType;
import dev.leadscore.api.EventIndices;
import dev.leadscore.api.LeadView;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ProtoLeadViewTest {

  /** Reads events through another view but keeps {@link LeadView#eventsOfType}'s default. */
  private record DefaultIndexing(LeadView lead) implements LeadView {
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
      return lead.eventCount();
    }

    @Override
    public String eventType(int index) {
      return lead.eventType(index);
    }

    @Override
    public long eventTimeMillis(int index) {
      return lead.eventTimeMillis(index);
    }

    @Override
    public @Nullable String eventStringProperty(int index, String name) {
      return lead.eventStringProperty(index, name);
    }
  }

  private static Lead lead(List<String> types) {
    Lead.Builder lead = Lead.newBuilder().setId("lead-1");
    for (int i = 0; i < types.size(); i++) {
      lead.addEvents(
          LeadEvent.newBuilder()
              .setType(types.get(i))
              .setTime(Timestamp.newBuilder().setSeconds(1_700_000_000L + i)));
    }
    return lead.build();
  }

  @Test
  void eventsOfType_everyTypeOfManyEvents_equalsDefaultScan() {
    List<String> types =
        List.of(
            "page_view",
            "email_open",
            "page_view",
            "purchase",
            "page_view",
            "page_view",
            "page_view",
            "email_open",
            "page_view",
            "page_view",
            "form_submit",
            "page_view");
    ProtoLeadView view = new ProtoLeadView(lead(types), 1_800_000_000_000L);
    LeadView scanning = new DefaultIndexing(view);

    for (String type : List.of("page_view", "email_open", "purchase", "form_submit", "demo")) {
      assertThat(view.eventsOfType(type)).as(type).isEqualTo(scanning.eventsOfType(type));
    }
    assertThat(view.eventsOfType("page_view")).isEqualTo(EventIndices.of(0, 2, 4, 5, 6, 8, 9, 11));
  }

  @Test
  void eventsOfType_noEvents_isNone() {
    ProtoLeadView view = new ProtoLeadView(lead(List.of()), 0);

    assertThat(view.eventsOfType("page_view")).isSameAs(EventIndices.none());
  }
}
