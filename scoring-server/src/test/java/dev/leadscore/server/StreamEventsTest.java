package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.GetLeadResponse;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ProfileChange;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamEventsTest {
  private static final List<String> TYPES =
      List.of(
          "page_view",
          "pricing_page_view",
          "email_open",
          "email_click",
          "content_download",
          "webinar_attended",
          "form_submit",
          "social_engagement",
          "demo_request",
          "unsubscribe");

  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  @Test
  void streamEvents_manyLeads_finalScoresEqualStatelessScoreOfSameLead() throws Exception {
    Random random = new Random(42);
    Map<String, Lead.Builder> leads = new LinkedHashMap<>();
    List<LeadEventMessage> messages = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "lead-" + i;
      Lead.Builder lead = Lead.newBuilder().setId(id);
      ProfileChange.Builder profile =
          ProfileChange.newBuilder()
              .putSet("job_title", Leads.string(random.nextBoolean() ? "VP Sales" : "Analyst"))
              .putSet("company_size", Leads.number(10 + random.nextInt(2000)))
              .putSet("industry", Leads.string(random.nextBoolean() ? "Software" : "Retail"));
      lead.putAllAttributes(profile.getSetMap());
      messages.add(LeadEventMessage.newBuilder().setLeadId(id).setProfile(profile).build());
      for (int e = random.nextInt(12); e > 0; e--) {
        LeadEvent event =
            Leads.event(
                    TYPES.get(random.nextInt(TYPES.size())),
                    NOW.minus(Duration.ofHours(random.nextInt(24 * 100))))
                .toBuilder()
                .setId(id + "-e" + e)
                .build();
        lead.addEvents(event);
        messages.add(LeadEventMessage.newBuilder().setLeadId(id).setEvent(event).build());
      }
      leads.put(id, lead);
    }

    List<LeadScoreUpdate> updates = stream(messages);

    assertThat(updates)
        .hasSize(messages.size())
        .allSatisfy(u -> assertThat(u.hasError()).isFalse());
    Map<String, LeadScoreUpdate> last = new LinkedHashMap<>();
    updates.forEach(update -> last.put(update.getLeadId(), update));
    ScoringServiceGrpc.ScoringServiceBlockingStub stub =
        ScoringServiceGrpc.newBlockingStub(leadscore.channel());
    for (Map.Entry<String, Lead.Builder> lead : leads.entrySet()) {
      ScoreResponse stateless =
          stub.score(ScoreRequest.newBuilder().setLead(lead.getValue()).build());
      ScoreResponse stateful = last.get(lead.getKey()).getScore();
      assertThat(stateful.getScore()).as(lead.getKey()).isEqualTo(stateless.getScore());
      assertThat(stateful.getBand()).as(lead.getKey()).isEqualTo(stateless.getBand());
      assertThat(stateful.getDimensionsMap()).isEqualTo(stateless.getDimensionsMap());
      assertThat(getLead(lead.getKey()).getScore().getScore()).isEqualTo(stateless.getScore());
    }
  }

  @Test
  void streamEvents_oneLead_answeredInOrderWithPreviousBandDeltaAndTransition() throws Exception {
    List<LeadScoreUpdate> updates =
        stream(
            List.of(
                profile("lead-1", "job_title", "VP Sales"),
                event("lead-1", "e1", "email_open"),
                event("lead-1", "e2", "content_download"),
                event("lead-1", "e3", "demo_request")));

    assertThat(updates)
        .extracting(u -> u.getPreviousBand() + "->" + u.getScore().getBand())
        .containsExactly("->cold", "cold->warm", "warm->warm", "warm->hot");
    assertThat(updates.get(1).getDelta())
        .isEqualTo(updates.get(1).getScore().getScore() - updates.get(0).getScore().getScore());
    assertThat(updates)
        .extracting(LeadScoreUpdate::getTransitionSequence)
        .containsExactly(0L, 1L, 0L, 2L);
    assertThat(updates)
        .extracting(LeadScoreUpdate::getEventId)
        .containsExactly("", "e1", "e2", "e3");
  }

  @Test
  void streamEvents_duplicateEventId_answeredAsDuplicateAndChangesNothing() throws Exception {
    List<LeadScoreUpdate> updates =
        stream(
            List.of(
                event("lead-1", "e1", "email_open"),
                event("lead-1", "e1", "email_open"),
                event("lead-1", "e2", "email_open")));
    List<LeadScoreUpdate> later = stream(List.of(event("lead-1", "e1", "email_open")));

    assertThat(updates)
        .extracting(LeadScoreUpdate::getDuplicate)
        .containsExactly(false, true, false);
    assertThat(updates.get(1).getScore().getScore())
        .isEqualTo(updates.get(0).getScore().getScore());
    assertThat(later.get(0).getDuplicate()).isTrue();
    assertThat(later.get(0).getScore().getScore()).isEqualTo(updates.get(2).getScore().getScore());
    GetLeadResponse stored = getLead("lead-1");
    assertThat(stored.getState().getEventTypesOrThrow("email_open").getCount()).isEqualTo(2);
    assertThat(stored.getState().getLead().getEventsList())
        .extracting(LeadEvent::getId)
        .containsExactly("e1", "e2");
  }

  @Test
  void streamEvents_badInputs_eachAnsweredInPlaceAndStreamGoesOn() throws Exception {
    LeadEventMessage future =
        LeadEventMessage.newBuilder()
            .setLeadId("lead-1")
            .setEvent(
                LeadEvent.newBuilder()
                    .setId("f")
                    .setType("email_open")
                    .setTime(Timestamps.fromMillis(NOW.plus(Duration.ofDays(2)).toEpochMilli())))
            .build();
    List<LeadScoreUpdate> updates =
        stream(
            List.of(
                event("", "e0", "email_open"),
                event("lead-1", "e1", ""),
                future,
                event("lead-1", "e2", "email_open").toBuilder()
                    .setModel(ModelRef.newBuilder().setName("no-such-model"))
                    .build(),
                LeadEventMessage.newBuilder().setLeadId("lead-1").build(),
                profile("lead-1", "company_size", "large"),
                event("lead-1", "e3", "email_open")));

    assertThat(updates).hasSize(7);
    assertThat(fieldViolations(updates.get(0).getError())).containsOnlyKeys("lead_id");
    assertThat(fieldViolations(updates.get(1).getError())).containsOnlyKeys("event.type");
    assertThat(fieldViolations(updates.get(2).getError()))
        .containsOnlyKeys("event.time")
        .hasValueSatisfying(
            new org.assertj.core.api.Condition<>(
                d -> d.contains("2026-11-22T12:00:00Z") && d.contains("at most 60 minutes"),
                "names the time and the limit"));
    assertThat(updates.get(3).getError().getCode()).isEqualTo(Status.Code.NOT_FOUND.value());
    assertThat(fieldViolations(updates.get(4).getError())).containsOnlyKeys("change");
    assertThat(fieldViolations(updates.get(5).getError()))
        .containsOnlyKeys("lead.attributes.company_size");
    assertThat(updates.get(0).getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    assertThat(updates.get(6).hasError()).isFalse();
    assertThat(getLead("lead-1").getState().getLead().getEventsList())
        .extracting(LeadEvent::getId)
        .containsExactly("e3");
  }

  @Test
  void getLead_storedLead_returnsProfileCountsEventsAndExplainedScore() throws Exception {
    stream(
        List.of(
            profile("lead-1", "job_title", "Director of IT"),
            event("lead-1", "e1", "email_open"),
            event("lead-1", "e2", "email_open")));

    GetLeadResponse response = getLead("lead-1");

    assertThat(response.getState().getLead().getAttributesMap()).containsOnlyKeys("job_title");
    assertThat(response.getState().getEventTypesOrThrow("email_open").getCount()).isEqualTo(2);
    assertThat(response.getState().getLead().getEventsCount()).isEqualTo(2);
    assertThat(response.getState().getChanges()).isEqualTo(3);
    assertThat(response.getScore().getContributionsList())
        .anySatisfy(c -> assertThat(c.getReason()).isNotEmpty());
    assertThat(response.getScore().getModel().getName()).isEqualTo("b2b-default");
  }

  @Test
  void getLead_unknownLead_notFound() {
    assertThatThrownBy(() -> getLead("nobody"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.NOT_FOUND));
  }

  @Test
  void deleteLead_storedLead_erasesStateAndEventIds() throws Exception {
    stream(List.of(event("lead-1", "e1", "demo_request")));

    var response =
        ScoringServiceGrpc.newBlockingStub(leadscore.channel())
            .deleteLead(DeleteLeadRequest.newBuilder().setLeadId("lead-1").build());
    var again =
        ScoringServiceGrpc.newBlockingStub(leadscore.channel())
            .deleteLead(DeleteLeadRequest.newBuilder().setLeadId("lead-1").build());

    assertThat(response.getDeleted()).isTrue();
    assertThat(response.getTransitionsDeleted()).isEqualTo(1);
    assertThat(again.getDeleted()).isFalse();
    assertThatThrownBy(() -> getLead("lead-1")).isInstanceOf(StatusRuntimeException.class);
    assertThat(stream(List.of(event("lead-1", "e1", "demo_request"))).get(0).getDuplicate())
        .isFalse();
  }

  private List<LeadScoreUpdate> stream(List<LeadEventMessage> messages) throws Exception {
    Recorder<LeadEventMessage, LeadScoreUpdate> responses = Recorder.eager();
    StreamObserver<LeadEventMessage> requests =
        ScoringServiceGrpc.newStub(leadscore.channel()).streamEvents(responses);
    messages.forEach(requests::onNext);
    requests.onCompleted();
    assertThat(responses.awaitCompletion()).as("completed: %s", responses.error()).isTrue();
    return responses.values();
  }

  private GetLeadResponse getLead(String id) {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .getLead(GetLeadRequest.newBuilder().setLeadId(id).build());
  }

  static LeadEventMessage event(String lead, String id, String type) {
    return LeadEventMessage.newBuilder()
        .setLeadId(lead)
        .setEvent(Leads.event(type, NOW.minus(Duration.ofHours(1))).toBuilder().setId(id))
        .build();
  }

  static LeadEventMessage profile(String lead, String attribute, String value) {
    return LeadEventMessage.newBuilder()
        .setLeadId(lead)
        .setProfile(ProfileChange.newBuilder().putSet(attribute, Leads.string(value)))
        .build();
  }
}
