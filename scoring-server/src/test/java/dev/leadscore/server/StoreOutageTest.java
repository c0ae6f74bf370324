package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StreamEventsTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Code;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import dev.leadscore.store.redis.RedisClusterExtension;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A replica whose Redis Cluster goes away and comes back, with nobody restarting the replica. */
class StoreOutageTest {
  @RegisterExtension static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

  @Test
  void redisLost_notServingAndUnavailableNeverStale_thenServingAgainByItself() throws Exception {
    try (RedisReplica replica = RedisReplica.start(RedisReplica.location(CLUSTER, ""))) {
      ReplicasTest.stream(replica, List.of(event("lead-1", "e1", "demo_request")));
      Recorder<WatchTransitionsRequest, BandTransition> watch = Recorder.eager();
      replica.scoringAsync().watchTransitions(WatchTransitionsRequest.getDefaultInstance(), watch);
      watch.await(values -> values.size() == 1);
      assertThat(replica.health("")).isEqualTo(ServingStatus.SERVING);

      CLUSTER.stopAll();

      await(Duration.ofSeconds(15), () -> replica.health("") == ServingStatus.NOT_SERVING);
      assertThat(replica.health(ScoringServiceGrpc.SERVICE_NAME))
          .isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(replica.health(LeadscoreServer.STATELESS_HEALTH)).isEqualTo(ServingStatus.SERVING);
      assertThat(watch.awaitCompletion()).as("the watch ends so its client can move").isFalse();
      assertCode((StatusRuntimeException) watch.error(), Status.Code.UNAVAILABLE);
      assertThatThrownBy(() -> getLead(replica))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class, e -> assertCode(e, Status.Code.UNAVAILABLE));
      LeadScoreUpdate refused = answer(replica, event("lead-1", "e2", "email_open"));
      assertThat(refused.getError().getCode()).isEqualTo(Code.UNAVAILABLE_VALUE);
      assertThat(
              replica
                  .scoring()
                  .score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build())
                  .getBand())
          .as("stateless scoring needs no store")
          .isEqualTo("cold");

      CLUSTER.restartStopped();

      await(Duration.ofSeconds(30), () -> replica.health("") == ServingStatus.SERVING);
      assertThat(getLead(replica).getState().getLead().getEventsList())
          .extracting(LeadEvent::getId)
          .containsExactly("e1");
      assertThat(answer(replica, event("lead-1", "e2", "email_open")).hasError()).isFalse();
    }
  }

  private static dev.leadscore.proto.v1.GetLeadResponse getLead(RedisReplica replica) {
    return replica
        .scoring()
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getLead(GetLeadRequest.newBuilder().setLeadId("lead-1").build());
  }

  /** The answer to one input on a stream of its own. */
  private static LeadScoreUpdate answer(RedisReplica replica, LeadEventMessage message)
      throws InterruptedException {
    Recorder<LeadEventMessage, LeadScoreUpdate> responses = Recorder.eager();
    StreamObserver<LeadEventMessage> requests = replica.scoringAsync().streamEvents(responses);
    requests.onNext(message);
    requests.onCompleted();
    assertThat(responses.awaitCompletion()).isTrue();
    return responses.values().get(0);
  }

  private static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit);
      }
      Thread.sleep(50);
    }
  }
}
