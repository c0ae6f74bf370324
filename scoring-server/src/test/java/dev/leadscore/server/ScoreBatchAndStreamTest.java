package dev.leadscore.server;

import static dev.leadscore.server.InProcessLeadscore.NOW;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoreBatchRequest;
import dev.leadscore.proto.v1.ScoreBatchResponse;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScoreBatchAndStreamTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore();

  @Test
  void scoreBatch_twoLeads_answersEachInRequestOrder() {
    ScoreBatchResponse response =
        ScoringServiceGrpc.newBlockingStub(leadscore.channel())
            .scoreBatch(
                ScoreBatchRequest.newBuilder()
                    .addLeads(Leads.coldStudent())
                    .addLeads(Leads.hotVp(NOW))
                    .build());

    assertThat(response.getResultsList())
        .extracting(ScoreResponse::getLeadId, ScoreResponse::getBand)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("lead-student", "cold"),
            org.assertj.core.groups.Tuple.tuple("lead-vp", "hot"));
  }

  @Test
  void scoreBatch_oneBadLead_refusesWholeBatchNamingTheLead() {
    Lead bad = Leads.coldStudent().toBuilder().addEvents(LeadEvent.newBuilder()).build();
    ScoreBatchRequest request =
        ScoreBatchRequest.newBuilder().addLeads(Leads.hotVp(NOW)).addLeads(bad).build();

    assertThatThrownBy(
            () -> ScoringServiceGrpc.newBlockingStub(leadscore.channel()).scoreBatch(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsOnlyKeys("leads[1].events[0].type", "leads[1].events[0].time");
            });
  }

  @Test
  void scoreStream_manyRequests_answersEachOnceInOrder() throws InterruptedException {
    RecordingObserver responses = new RecordingObserver();
    StreamObserver<ScoreRequest> requests =
        ScoringServiceGrpc.newStub(leadscore.channel()).scoreStream(responses);
    for (int i = 0; i < 200; i++) {
      Lead lead =
          (i % 2 == 0 ? Leads.coldStudent() : Leads.hotVp(NOW))
              .toBuilder().setId("lead-" + i).build();
      requests.onNext(ScoreRequest.newBuilder().setLead(lead).build());
    }
    requests.onCompleted();

    assertThat(responses.awaitCompletion()).isTrue();
    assertThat(responses.values).hasSize(200);
    for (int i = 0; i < 200; i++) {
      assertThat(responses.values.get(i).getLeadId()).isEqualTo("lead-" + i);
      assertThat(responses.values.get(i).getBand()).isEqualTo(i % 2 == 0 ? "cold" : "hot");
    }
  }

  @Test
  void scoreStream_badRequestBetweenGoodOnes_answersItWithErrorAndCarriesOn()
      throws InterruptedException {
    RecordingObserver responses = new RecordingObserver();
    StreamObserver<ScoreRequest> requests =
        ScoringServiceGrpc.newStub(leadscore.channel()).scoreStream(responses);
    requests.onNext(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build());
    requests.onNext(
        ScoreRequest.newBuilder()
            .setModel(ModelRef.newBuilder().setName("missing-model"))
            .setLead(Leads.hotVp(NOW))
            .build());
    requests.onNext(
        ScoreRequest.newBuilder()
            .setLead(Leads.coldStudent().toBuilder().setId("bad").addEvents(LeadEvent.newBuilder()))
            .build());
    requests.onNext(ScoreRequest.newBuilder().setLead(Leads.hotVp(NOW)).build());
    requests.onCompleted();

    assertThat(responses.awaitCompletion()).isTrue();
    assertThat(responses.values).hasSize(4);
    assertThat(responses.values.get(0).hasError()).isFalse();
    assertThat(responses.values.get(1).getError().getCode())
        .isEqualTo(Status.Code.NOT_FOUND.value());
    assertThat(responses.values.get(1).getLeadId()).isEqualTo("lead-vp");
    assertThat(responses.values.get(2).getError().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    assertThat(fieldViolations(responses.values.get(2).getError()))
        .containsKey("lead.events[0].type");
    assertThat(responses.values.get(3).getBand()).isEqualTo("hot");
  }

  /** Records a response stream. */
  static final class RecordingObserver implements StreamObserver<ScoreResponse> {
    final List<ScoreResponse> values = new ArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    volatile Throwable error;

    @Override
    public synchronized void onNext(ScoreResponse value) {
      values.add(value);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      done.countDown();
    }

    @Override
    public void onCompleted() {
      done.countDown();
    }

    boolean awaitCompletion() throws InterruptedException {
      return done.await(10, TimeUnit.SECONDS) && error == null;
    }
  }
}
