package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.LeadStreams.event;
import static dev.leadscore.server.LeadStreams.outcome;
import static dev.leadscore.server.LeadStreams.profile;
import static dev.leadscore.server.LeadStreams.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import dev.leadscore.proto.v1.ExportLeadsRequest;
import dev.leadscore.proto.v1.ExportLeadsResponse;
import dev.leadscore.proto.v1.ExportedLead;
import dev.leadscore.proto.v1.LeadOutcome.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ExportLeads} through a real server. */
class ExportLeadsTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore().withLeadStore();

  /**
   * lead-a converted two days ago: one event before, one after. lead-b has no outcome and two
   * events.
   */
  @BeforeEach
  void storeLeads() throws Exception {
    stream(
        leadscore.channel(),
        List.of(
            profile(
                "lead-a",
                Map.of("job_title", Leads.string("CEO"), "company_size", Leads.number(300))),
            event("lead-a", "e1", "email_open", NOW.minus(Duration.ofDays(3))),
            event("lead-a", "e2", "demo_request", NOW.minus(Duration.ofDays(1))),
            outcome("lead-a", outcome("won", Kind.CONVERTED, "", NOW.minus(Duration.ofDays(2)))),
            profile("lead-b", Map.of("job_title", Leads.string("Student"))),
            event("lead-b", "e1", "page_view", NOW.minus(Duration.ofDays(5))),
            event("lead-b", "e2", "page_view", NOW.minus(Duration.ofDays(4)))));
  }

  @Test
  void exportLeads_labelledHistory_countsAsOfTheFirstOutcome() {
    List<ExportedLead> leads = export(ExportLeadsRequest.newBuilder());

    assertThat(leads)
        .extracting(ExportedLead::getLeadId)
        .containsExactlyInAnyOrder("lead-a", "lead-b");
    ExportedLead a =
        leads.stream().filter(l -> l.getLeadId().equals("lead-a")).findFirst().orElseThrow();
    ExportedLead b =
        leads.stream().filter(l -> l.getLeadId().equals("lead-b")).findFirst().orElseThrow();
    assertThat(a.getConverted()).isTrue();
    assertThat(a.getEventCountsMap()).containsExactly(Map.entry("email_open", 1L));
    assertThat(a.getAsOf())
        .isEqualTo(Timestamps.fromMillis(NOW.minus(Duration.ofDays(2)).toEpochMilli()));
    assertThat(a.getAttributesMap()).containsOnlyKeys("job_title", "company_size");
    assertThat(a.getFirstOutcome().getId()).isEqualTo("won");
    assertThat(b.getConverted()).isFalse();
    assertThat(b.hasFirstOutcome()).isFalse();
    assertThat(b.getEventCountsMap()).containsExactly(Map.entry("page_view", 2L));
  }

  @Test
  void exportLeads_withOutcomeOnlyInPagesOfOne_oneMessagePerLead() {
    List<ExportLeadsResponse> pages = new ArrayList<>();
    EvaluationServiceGrpc.newBlockingStub(leadscore.channel())
        .exportLeads(ExportLeadsRequest.newBuilder().setPageSize(1).build())
        .forEachRemaining(pages::add);

    assertThat(pages).hasSize(2).allSatisfy(page -> assertThat(page.getLeadsCount()).isEqualTo(1));
    assertThat(export(ExportLeadsRequest.newBuilder().setWithOutcomeOnly(true)))
        .extracting(ExportedLead::getLeadId)
        .containsExactly("lead-a");
  }

  private List<ExportedLead> export(ExportLeadsRequest.Builder request) {
    List<ExportedLead> leads = new ArrayList<>();
    EvaluationServiceGrpc.newBlockingStub(leadscore.channel())
        .exportLeads(request.build())
        .forEachRemaining(page -> leads.addAll(page.getLeadsList()));
    return leads;
  }
}
