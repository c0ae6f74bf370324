package dev.leadscore.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Value;
import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.InProcessLeadscore;
import dev.leadscore.server.LeadscoreServer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Channels from {@link LeadscoreChannels} against servers on loopback, as a caller uses them. */
class LeadscoreChannelsTest {
  private Server server;
  private ManagedChannel channel;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private String serve(FakeScoringService service) throws Exception {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(service, recordAuthorization()))
            .build()
            .start();
    return "127.0.0.1:" + server.getPort();
  }

  private ServerInterceptor recordAuthorization() {
    Metadata.Key<String> key = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        authorizations.add(String.valueOf(headers.get(key)));
        return next.startCall(call, headers);
      }
    };
  }

  private static ScoreRequest request() {
    return ScoreRequest.newBuilder().setLead(Lead.newBuilder().setId("lead-1")).build();
  }

  @Test
  void forTarget_realServer_scoresWithTheBundledModel() throws Exception {
    LeadscoreServer real =
        LeadscoreServer.builder(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)))
            .registry(InProcessLeadscore.bundledRegistry())
            .build()
            .start();
    try {
      channel = LeadscoreChannels.forTarget("127.0.0.1:" + real.port()).build();

      ScoreResponse response =
          ScoringServiceGrpc.newBlockingStub(channel)
              .score(
                  ScoreRequest.newBuilder()
                      .setLead(
                          Lead.newBuilder()
                              .setId("lead-7")
                              .putAttributes(
                                  "job_title",
                                  Value.newBuilder().setStringValue("Student").build()))
                      .build());

      assertThat(response.getBand()).isEqualTo("cold");
      assertThat(response.getModel().getName()).isEqualTo("b2b-default");
    } finally {
      real.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void score_firstAttemptUnavailable_isRetriedAndAnswered() throws Exception {
    FakeScoringService service = new FakeScoringService(2);
    channel = LeadscoreChannels.forTarget(serve(service)).build();

    ScoreResponse response = ScoringServiceGrpc.newBlockingStub(channel).score(request());

    assertThat(response.getScore()).isEqualTo(42);
    assertThat(service.attempts("Score")).isEqualTo(3);
  }

  @Test
  void score_withoutRetries_failsOnTheFirstUnavailable() throws Exception {
    FakeScoringService service = new FakeScoringService(1);
    channel = LeadscoreChannels.forTarget(serve(service)).withoutRetries().build();

    assertThatThrownBy(() -> ScoringServiceGrpc.newBlockingStub(channel).score(request()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(service.attempts("Score")).isEqualTo(1);
  }

  @Test
  void streamEvents_unavailable_isNeverRetried() throws Exception {
    FakeScoringService service = new FakeScoringService(0);
    channel = LeadscoreChannels.forTarget(serve(service)).build();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();

    StreamObserver<LeadEventMessage> events =
        ScoringServiceGrpc.newStub(channel)
            .streamEvents(
                new StreamObserver<>() {
                  @Override
                  public void onNext(LeadScoreUpdate update) {}

                  @Override
                  public void onError(Throwable t) {
                    failure.complete(t);
                  }

                  @Override
                  public void onCompleted() {
                    failure.complete(null);
                  }
                });
    events.onNext(LeadEventMessage.newBuilder().setLeadId("lead-1").build());

    assertThat(Status.fromThrowable(failure.get(10, TimeUnit.SECONDS)).getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(service.attempts("StreamEvents")).isEqualTo(1);
  }

  @Test
  void deleteLead_unavailable_isNeverRetried() throws Exception {
    FakeScoringService service = new FakeScoringService(0);
    channel = LeadscoreChannels.forTarget(serve(service)).build();

    assertThatThrownBy(
            () ->
                ScoringServiceGrpc.newBlockingStub(channel)
                    .deleteLead(DeleteLeadRequest.newBuilder().setLeadId("lead-1").build()))
        .isInstanceOf(StatusRuntimeException.class);
    assertThat(service.attempts("DeleteLead")).isEqualTo(1);
  }

  @Test
  void getLead_serverNeverAnswers_failsAtTheCallTimeout() throws Exception {
    channel =
        LeadscoreChannels.forTarget(serve(new FakeScoringService(0)))
            .callTimeout(Duration.ofMillis(300))
            .build();
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                ScoringServiceGrpc.newBlockingStub(channel)
                    .getLead(GetLeadRequest.newBuilder().setLeadId("lead-1").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void bearerToken_overPlaintext_failsWithoutSendingIt() throws Exception {
    FakeScoringService service = new FakeScoringService(0);
    channel = LeadscoreChannels.forTarget(serve(service)).bearerToken("s3cret").build();

    assertThatThrownBy(() -> ScoringServiceGrpc.newBlockingStub(channel).score(request()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).contains("without TLS");
            });
    assertThat(service.attempts("Score")).isZero();
    assertThat(authorizations).isEmpty();
  }

  @Test
  void bearerTokenOverPlaintext_sendsTheHeader() throws Exception {
    channel =
        LeadscoreChannels.forTarget(serve(new FakeScoringService(0)))
            .bearerTokenOverPlaintext("s3cret")
            .build();

    ScoringServiceGrpc.newBlockingStub(channel).score(request());

    assertThat(authorizations).containsExactly("Bearer s3cret");
  }

  @Test
  void serviceConfig_retriesOnlyIdempotentMethodsAndLeavesStreamsWithoutDeadline() {
    for (String write : List.of("PublishModel", "SetLabel", "DeleteLead")) {
      assertThat(config(write)).as(write).doesNotContainKey("retryPolicy").containsKey("timeout");
    }
    for (String read : List.of("Score", "ScoreBatch", "GetLead", "ListModels", "GetModel")) {
      assertThat(config(read)).as(read).containsKey("retryPolicy");
    }
    assertThat(config("Score")).containsEntry("timeout", "10s");
    assertThat(config("ScoreBatch")).containsEntry("timeout", "20s");
    for (String stream : List.of("StreamEvents", "ScoreStream", "WatchTransitions")) {
      assertThat(config(stream)).as(stream).isEmpty();
    }
  }

  /** The method config naming {@code method}, empty when none does. */
  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> config(String method) {
    List<Object> configs = (List<Object>) LeadscoreChannels.serviceConfig().get("methodConfig");
    for (Object config : configs) {
      java.util.Map<String, Object> map = (java.util.Map<String, Object>) config;
      for (Object name : (List<Object>) map.get("name")) {
        if (((java.util.Map<String, Object>) name).get("method").equals(method)) {
          return map;
        }
      }
    }
    return java.util.Map.of();
  }
}
