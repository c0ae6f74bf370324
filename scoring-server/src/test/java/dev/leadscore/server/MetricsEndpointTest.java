package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loopback server with its Prometheus endpoint: what a scrape shows after real calls. */
class MetricsEndpointTest {
  @TempDir Path models;
  private static final String SCORE =
      "grpc_method=\"Score\",grpc_service=\"leadscore.v1.ScoringService\",grpc_type=\"UNARY\"";
  private static final String STREAM =
      "grpc_method=\"ScoreStream\",grpc_service=\"leadscore.v1.ScoringService\","
          + "grpc_type=\"BIDI_STREAMING\"";

  private LeadscoreRuntime server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    server =
        LeadscoreRuntime.builder()
            .transport(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)))
            .models(models)
            .metrics("127.0.0.1", 0)
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void scrape_afterUnaryCalls_countsByStatusWithLatencyHistogramAndModel() throws Exception {
    ScoringServiceGrpc.ScoringServiceBlockingStub scoring =
        ScoringServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    for (int i = 0; i < 3; i++) {
      scoring.score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build());
    }
    assertThatThrownBy(() -> scoring.score(ScoreRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());

    String scrape = scrape();

    assertThat(scrape)
        .contains("leadscore_grpc_server_started_total{" + SCORE + "} 4.0")
        .contains("leadscore_grpc_server_handled_total{grpc_code=\"OK\"," + SCORE + "} 3.0")
        .contains(
            "leadscore_grpc_server_handled_total{grpc_code=\"INVALID_ARGUMENT\"," + SCORE + "} 1.0")
        .contains("leadscore_grpc_server_handling_seconds_count{" + SCORE + "} 4\n")
        .contains("leadscore_grpc_server_handling_seconds_bucket{" + SCORE + ",le=\"+Inf\"} 4\n")
        .contains(
            "leadscore_grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Check\","
                + "grpc_service=\"grpc.health.v1.Health\",grpc_type=\"UNARY\"} 1.0")
        .contains("leadscore_model_scoring_seconds_count{model=\"b2b-default\",version=\"1\"} 3\n")
        .contains("leadscore_model_versions_loaded{model=\"b2b-default\"} 1.0")
        .contains("leadscore_model_latest_version{model=\"b2b-default\"} 1.0")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_gc_")
        .contains("process_cpu_usage")
        .contains("leadscore_grpc_server_handling_seconds_bucket{" + SCORE + ",le=\"10.0\"} 4\n")
        .doesNotContain("grpc_code=\"NOT_FOUND\"");
    assertThat(
            scrape
                .lines()
                .filter(
                    l -> l.startsWith("leadscore_grpc_server_handling_seconds_bucket{" + SCORE)))
        .as("16 bounds from 100 µs to 10 s, and +Inf")
        .hasSize(17);
  }

  @Test
  void scrape_duringAndAfterStream_countsOpenStreamAndMessages() throws Exception {
    BlockingQueue<ScoreResponse> responses = new LinkedBlockingQueue<>();
    CompletableFuture<Void> completed = new CompletableFuture<>();
    StreamObserver<ScoreRequest> requests =
        ScoringServiceGrpc.newStub(channel)
            .scoreStream(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ScoreResponse response) {
                    responses.add(response);
                  }

                  @Override
                  public void onError(Throwable t) {
                    completed.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    completed.complete(null);
                  }
                });
    requests.onNext(request(Leads.coldStudent()));
    requests.onNext(request(Leads.hotVp(InProcessLeadscore.NOW)));
    assertThat(responses.poll(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(responses.poll(10, TimeUnit.SECONDS)).isNotNull();

    assertThat(scrape()).contains("leadscore_grpc_server_active_calls{" + STREAM + "} 1.0");

    requests.onCompleted();
    completed.get(10, TimeUnit.SECONDS);
    String scrape = scrape();

    assertThat(scrape)
        .contains("leadscore_grpc_server_active_calls{" + STREAM + "} 0.0")
        .contains("leadscore_grpc_server_msg_received_total{" + STREAM + "} 2.0")
        .contains("leadscore_grpc_server_msg_sent_total{" + STREAM + "} 2.0")
        .contains("leadscore_grpc_server_handled_total{grpc_code=\"OK\"," + STREAM + "} 1.0")
        .contains("leadscore_model_scoring_seconds_count{model=\"b2b-default\",version=\"1\"} 2\n");
  }

  @Test
  void scrape_post_isRefused() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(metricsUri())
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
  }

  @Test
  void scrape_whileOtherConnectionsNeverFinishTheirHeaders_answers() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        Socket socket = new Socket("127.0.0.1", server.metricsPort().orElseThrow());
        OutputStream out = socket.getOutputStream();
        out.write(
            "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Never: ends"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        stalled.add(socket);
      }
      Thread.sleep(200);

      long started = System.nanoTime();
      assertThat(scrape(Duration.ofSeconds(5))).contains("jvm_memory_used_bytes{");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  private static ScoreRequest request(Lead lead) {
    return ScoreRequest.newBuilder().setLead(lead).build();
  }

  private URI metricsUri() {
    return URI.create("http://127.0.0.1:" + server.metricsPort().orElseThrow() + "/metrics");
  }

  private String scrape() throws Exception {
    return scrape(Duration.ofSeconds(10));
  }

  private String scrape(Duration timeout) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(metricsUri()).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    return response.body();
  }
}
