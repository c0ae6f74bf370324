package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.leadscore.proto.v1.Contribution;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.ScoringServiceGrpc.ScoringServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScoringServiceTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore();

  private ScoringServiceBlockingStub stub() {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel());
  }

  @Test
  void score_vpWithDemoRequest_isHotWithExplanation() {
    ScoreResponse response =
        stub().score(ScoreRequest.newBuilder().setLead(Leads.hotVp(NOW)).build());

    assertThat(response.getBand()).isEqualTo("hot");
    assertThat(response.getLeadId()).isEqualTo("lead-vp");
    assertThat(response.getModel().getName()).isEqualTo("b2b-default");
    assertThat(response.getModel().getVersion()).isEqualTo(1);
    assertThat(response.getFiredRulesList()).containsExactly("demo_or_purchase_is_hot");
    assertThat(response.getContributionsList())
        .extracting(Contribution::getCriterion)
        .contains("job_title", "company_size", "email_opens", "content_downloads");
    Contribution title = contribution(response, "job_title");
    assertThat(title.getPoints()).isEqualTo(20);
    assertThat(title.getReason()).contains("job_title").contains("vp").contains("+20");
    assertThat(contribution(response, "email_opens").getPoints()).isEqualTo(15);
    assertThat(response.getDimensionsMap()).containsKeys("fit", "engagement");
    double sum =
        response.getContributionsList().stream().mapToDouble(Contribution::getPoints).sum();
    assertThat(response.getScore()).isEqualTo(Math.min(100, sum), within());
  }

  @Test
  void score_unknownStudentWithoutActivity_isCold() {
    ScoreResponse response =
        stub().score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build());

    assertThat(response.getBand()).isEqualTo("cold");
    assertThat(response.getScore()).isZero();
    assertThat(contribution(response, "job_title").getPoints()).isEqualTo(-15);
    assertThat(response.getFiredRulesList()).isEmpty();
  }

  @Test
  void score_skipExplanation_returnsScoreWithoutContributions() {
    ScoreResponse response =
        stub()
            .score(
                ScoreRequest.newBuilder()
                    .setLead(Leads.hotVp(NOW))
                    .setSkipExplanation(true)
                    .build());

    assertThat(response.getContributionsList()).isEmpty();
    assertThat(response.getBand()).isEqualTo("hot");
    ScoreResponse explained =
        stub().score(ScoreRequest.newBuilder().setLead(Leads.hotVp(NOW)).build());
    assertThat(response.getScore()).isEqualTo(explained.getScore());
    assertThat(response.getDimensionsMap()).isEqualTo(explained.getDimensionsMap());
  }

  @Test
  void score_asOfLongAfterEvents_windowsDropOldEvents() {
    Timestamp later =
        Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() + 400 * 86_400L).build();
    ScoreResponse response =
        stub().score(ScoreRequest.newBuilder().setLead(Leads.hotVp(NOW)).setAsOf(later).build());

    assertThat(contribution(response, "email_opens").getPoints()).isZero();
    assertThat(contribution(response, "recent_activity").getPoints()).isEqualTo(-10);
  }

  @Test
  void score_unknownModel_notFound() {
    ScoreRequest request =
        ScoreRequest.newBuilder()
            .setModel(ModelRef.newBuilder().setName("no-such-model"))
            .setLead(Leads.coldStudent())
            .build();

    assertThatThrownBy(() -> stub().score(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("no-such-model");
            });
  }

  @Test
  void score_unknownVersion_notFoundListingVersions() {
    ScoreRequest request =
        ScoreRequest.newBuilder()
            .setModel(ModelRef.newBuilder().setName("b2b-default").setVersion(7))
            .setLead(Leads.coldStudent())
            .build();

    assertThatThrownBy(() -> stub().score(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("version 7").contains("[1]");
            });
  }

  @Test
  void score_noLead_invalidArgumentNamingLead() {
    assertThatThrownBy(() -> stub().score(ScoreRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e)).containsOnlyKeys("lead");
            });
  }

  @Test
  void score_badEventsAndAttribute_invalidArgumentNamingEveryPath() {
    Lead lead =
        Leads.hotVp(NOW).toBuilder()
            .putAttributes("company_size", Leads.string("500"))
            .addEvents(LeadEvent.newBuilder().setTime(Timestamp.newBuilder().setSeconds(1)))
            .addEvents(
                LeadEvent.newBuilder()
                    .setType("page_view")
                    .setTime(Timestamp.newBuilder().setSeconds(1).setNanos(-5)))
            .addEvents(LeadEvent.newBuilder().setType("page_view"))
            .build();

    assertThatThrownBy(() -> stub().score(ScoreRequest.newBuilder().setLead(lead).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsOnlyKeys(
                      "lead.attributes.company_size",
                      "lead.events[5].type",
                      "lead.events[6].time",
                      "lead.events[7].time");
              assertThat(fieldViolations(e).get("lead.attributes.company_size"))
                  .contains("expected: a number");
              assertThat(fieldViolations(e).get("lead.events[5].type")).contains("expected");
            });
  }

  @Test
  void score_negativeVersionAndBadAsOf_invalidArgument() {
    ScoreRequest request =
        ScoreRequest.newBuilder()
            .setModel(ModelRef.newBuilder().setVersion(-1))
            .setAsOf(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE))
            .setLead(Leads.coldStudent())
            .build();

    assertThatThrownBy(() -> stub().score(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(fieldViolations(e)).containsOnlyKeys("model.version", "as_of"));
  }

  static Contribution contribution(ScoreResponse response, String criterion) {
    return response.getContributionsList().stream()
        .filter(c -> c.getCriterion().equals(criterion))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no contribution " + criterion));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.01);
  }
}
