package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.server.Leads;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leadscore serve} as its own process, as a supervisor runs it: ready when it says so, and
 * on SIGTERM it turns NOT_SERVING, lets the stream in flight finish and exits 0.
 */
class ServerProcessTest {
  @TempDir Path workDirectory;

  private static final Pattern LISTENING = Pattern.compile("listening grpc=\\S+:(\\d+)");

  private final List<String> log = new CopyOnWriteArrayList<>();
  private Process process;
  private Thread reader;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void sigterm_streamInFlight_drainsItAndExitsZero() throws Exception {
    int port = startServer();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    BlockingQueue<ServingStatus> health = new LinkedBlockingQueue<>();
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), collect(health));
    assertThat(health.poll(10, TimeUnit.SECONDS))
        .as("ready as soon as it listens: models were compiled before")
        .isEqualTo(ServingStatus.SERVING);
    BlockingQueue<ScoreResponse> responses = new LinkedBlockingQueue<>();
    CompletableFuture<Void> streamDone = new CompletableFuture<>();
    StreamObserver<ScoreRequest> requests =
        ScoringServiceGrpc.newStub(channel).scoreStream(collect(responses, streamDone));
    requests.onNext(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build());
    assertThat(responses.poll(10, TimeUnit.SECONDS)).isNotNull();

    // SIGTERM. Process.destroy() would also close our end of the server's output.
    assertThat(process.toHandle().destroy()).isTrue();

    assertThat(health.poll(10, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
    requests.onNext(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build());
    assertThat(responses.poll(10, TimeUnit.SECONDS))
        .as("the stream in flight is still answered while draining")
        .extracting(ScoreResponse::getBand)
        .isEqualTo("cold");
    requests.onCompleted();
    streamDone.get(10, TimeUnit.SECONDS);
    assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    reader.join(5_000);
    assertThat(log).anyMatch(line -> line.contains("stopped drained=true"));
  }

  private Path models() throws IOException {
    return Files.createDirectories(workDirectory.resolve("models"));
  }

  private int startServer() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--host=127.0.0.1",
                "--port=0",
                "--metrics-port=-1",
                "--shutdown-grace=20s",
                "--data=" + workDirectory.resolve("data"),
                "--models=" + models())
            .redirectErrorStream(true)
            .start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  log.add(line);
                  Matcher matcher = LISTENING.matcher(line);
                  if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                  }
                }
              } catch (java.io.IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new AssertionError("server exited: " + log));
            },
            "server-log");
    reader.setDaemon(true);
    reader.start();
    return port.get(60, TimeUnit.SECONDS);
  }

  private static StreamObserver<HealthCheckResponse> collect(BlockingQueue<ServingStatus> into) {
    return new StreamObserver<>() {
      @Override
      public void onNext(HealthCheckResponse response) {
        into.add(response.getStatus());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }

  private static StreamObserver<ScoreResponse> collect(
      BlockingQueue<ScoreResponse> into, CompletableFuture<Void> done) {
    return new StreamObserver<>() {
      @Override
      public void onNext(ScoreResponse response) {
        into.add(response);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    };
  }
}
