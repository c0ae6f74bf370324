package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ProfileChange;
import dev.leadscore.proto.v1.ScoreBatchRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every lead is bounded where it enters (finding 1 and 6 of issue 15): value nesting and size,
 * attributes per lead, event types per stored lead, properties and bytes per event. Over a bound an
 * input is refused with INVALID_ARGUMENT naming the field, nothing is stored, and the lead and the
 * stream go on.
 */
class LeadLimitsTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  @Test
  void streamEvents_propertyNested48Levels_refusedNamingPathAndLeadStaysUsable() throws Exception {
    List<LeadScoreUpdate> updates =
        leadscore.streamEvents(
            List.of(
                event("lead-1", "e1", "page_view", Map.of("x", nested(48))),
                event("lead-1", "e2", "page_view", Map.of("x", nested(3)))));

    assertThat(updates.get(0).getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    assertThat(fieldViolations(updates.get(0).getError()))
        .containsOnlyKeys("event.properties.x")
        .containsValue("nested 48 levels (expected: at most 16 levels of lists and objects)");
    assertThat(updates.get(1).hasError()).as("%s", updates.get(1)).isFalse();
    assertThat(getLead("lead-1").getState().getLead().getEventsList())
        .extracting(LeadEvent::getId)
        .containsExactly("e2");
  }

  @Test
  void streamEvents_profileValueTooLargeOrNestedObjects_refusedNamingTheAttribute()
      throws Exception {
    Value large = Leads.string("x".repeat(3000));
    Value deepObject = Value.newBuilder().setStringValue("leaf").build();
    for (int i = 0; i < 20; i++) {
      deepObject =
          Value.newBuilder()
              .setStructValue(Struct.newBuilder().putFields("child", deepObject))
              .build();
    }
    List<LeadScoreUpdate> updates =
        leadscore.streamEvents(
            List.of(
                profile("lead-1", Map.of("notes", large)),
                profile("lead-1", Map.of("tree", deepObject)),
                profile("lead-1", Map.of("job_title", Leads.string("VP Sales")))));

    assertThat(fieldViolations(updates.get(0).getError()))
        .containsOnlyKeys("profile.set.notes")
        .hasValueSatisfying(
            new org.assertj.core.api.Condition<>(
                d -> d.endsWith("bytes (expected: at most 2048 bytes)"), "names the limit"));
    assertThat(fieldViolations(updates.get(1).getError()))
        .containsEntry(
            "profile.set.tree",
            "nested 20 levels (expected: at most 16 levels of lists and objects)");
    assertThat(updates.get(2).hasError()).isFalse();
    assertThat(getLead("lead-1").getState().getLead().getAttributesMap())
        .containsOnlyKeys("job_title");
  }

  @Test
  void streamEvents_newEventTypesBeyondLimit_refusedWhileKnownTypesStillApply() throws Exception {
    List<LeadEventMessage> messages = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      messages.add(event("lead-1", "e" + i, "type_" + i, Map.of()));
    }
    messages.add(event("lead-1", "new", "type_256", Map.of()));
    messages.add(event("lead-1", "known", "type_7", Map.of()));

    List<LeadScoreUpdate> updates = leadscore.streamEvents(messages);

    assertThat(updates.subList(0, 256)).allSatisfy(u -> assertThat(u.hasError()).isFalse());
    assertThat(fieldViolations(updates.get(256).getError()))
        .containsEntry(
            "event.type",
            "\"type_256\" would be event type 257 of this lead (expected: at most 256 distinct"
                + " event types per lead)");
    assertThat(updates.get(257).hasError()).isFalse();
    assertThat(getLead("lead-1").getState().getEventTypesCount()).isEqualTo(256);
  }

  @Test
  void streamEvents_attributesBeyondLimit_refusedAndUnsetStillApplies() throws Exception {
    List<LeadEventMessage> messages = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      messages.add(profile("lead-1", Map.of("attribute_" + i, Leads.number(i))));
    }
    messages.add(profile("lead-1", Map.of("one_too_many", Leads.number(1))));
    messages.add(
        LeadEventMessage.newBuilder()
            .setLeadId("lead-1")
            .setProfile(ProfileChange.newBuilder().addUnset("attribute_0"))
            .build());

    List<LeadScoreUpdate> updates = leadscore.streamEvents(messages);

    assertThat(updates.subList(0, 256)).allSatisfy(u -> assertThat(u.hasError()).isFalse());
    assertThat(fieldViolations(updates.get(256).getError()))
        .containsEntry(
            "profile.set",
            "the lead would have 257 attributes (expected: at most 256; unset some first)");
    assertThat(updates.get(257).hasError()).isFalse();
    assertThat(getLead("lead-1").getState().getLead().getAttributesCount()).isEqualTo(255);
  }

  @Test
  void streamEvents_tooManyPropertiesOrLongNames_refusedNamingTheField() throws Exception {
    Map<String, Value> many = new java.util.HashMap<>();
    for (int i = 0; i < 65; i++) {
      many.put("p" + i, Leads.number(i));
    }
    String longName = "k".repeat(300);
    List<LeadScoreUpdate> updates =
        leadscore.streamEvents(
            List.of(
                event("lead-1", "e1", "page_view", many),
                event("lead-1", "e2", "page_view", Map.of(longName, Leads.number(1))),
                event("lead-1", "e3", "t".repeat(129), Map.of())));

    assertThat(fieldViolations(updates.get(0).getError()))
        .containsEntry("event.properties", "65 properties (expected: at most 64)");
    assertThat(fieldViolations(updates.get(1).getError()).get("event.properties"))
        .startsWith("key \"" + "k".repeat(100) + "… (300 characters)\"")
        .endsWith("(expected: at most 128 characters)");
    assertThat(fieldViolations(updates.get(2).getError())).containsOnlyKeys("event.type");
  }

  @Test
  void score_attributeNestedTooDeep_invalidArgumentNamingTheAttribute() {
    Lead lead = Leads.coldStudent().toBuilder().putAttributes("deep", nested(40)).build();

    assertThatThrownBy(() -> scoring().score(ScoreRequest.newBuilder().setLead(lead).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsEntry(
                      "lead.attributes.deep",
                      "nested 40 levels (expected: at most 16 levels of lists and objects)");
            });
  }

  @Test
  void scoreBatch_eventPropertyTooLarge_refusedNamingLeadAndEvent() {
    Lead lead =
        Leads.coldStudent().toBuilder()
            .addEvents(
                Leads.event("page_view", NOW.minus(Duration.ofDays(1))).toBuilder()
                    .putProperties("url", Leads.string("u".repeat(5000))))
            .build();

    assertThatThrownBy(
            () ->
                scoring()
                    .scoreBatch(
                        ScoreBatchRequest.newBuilder()
                            .addLeads(Leads.coldStudent())
                            .addLeads(lead)
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(fieldViolations(e))
                    .containsOnlyKeys("leads[1].events[0].properties.url"));
  }

  /** A value {@code depth} lists deep around a string. */
  static Value nested(int depth) {
    Value value = Leads.string("leaf");
    for (int i = 0; i < depth; i++) {
      value = Value.newBuilder().setListValue(ListValue.newBuilder().addValues(value)).build();
    }
    return value;
  }

  private ScoringServiceGrpc.ScoringServiceBlockingStub scoring() {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel());
  }

  private dev.leadscore.proto.v1.GetLeadResponse getLead(String id) {
    return scoring().getLead(GetLeadRequest.newBuilder().setLeadId(id).build());
  }

  static LeadEventMessage event(
      String lead, String id, String type, Map<String, Value> properties) {
    return LeadEventMessage.newBuilder()
        .setLeadId(lead)
        .setEvent(
            Leads.event(type, NOW.minus(Duration.ofHours(1))).toBuilder()
                .setId(id)
                .putAllProperties(properties))
        .build();
  }

  static LeadEventMessage profile(String lead, Map<String, Value> set) {
    return LeadEventMessage.newBuilder()
        .setLeadId(lead)
        .setProfile(ProfileChange.newBuilder().putAllSet(set))
        .build();
  }
}
