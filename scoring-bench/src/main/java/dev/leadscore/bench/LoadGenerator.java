package dev.leadscore.bench;

import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load against a running server, measured side by side in one run and one client: unary {@code
 * Score} against the health {@code Check}, and {@code ScoreStream} against the bench-only echo
 * stream (run {@link BenchServer}, which serves it beside the real services). Phases alternate
 * round by round so that drift in the machine's load falls on both sides of each ratio. Loopback
 * targets only.
 */
@Command(
    name = "leadscore-load",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description =
        "Measure a running leadscore server on loopback: Score vs Check, ScoreStream vs Echo.")
public final class LoadGenerator implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (loopback).")
  String host;

  @Option(names = "--port", defaultValue = "50051", description = "Server gRPC port.")
  int port;

  @Option(names = "--seconds", defaultValue = "4", description = "Length of each measured phase.")
  int seconds;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds of all phases.")
  int rounds;

  @Option(names = "--warmup-seconds", defaultValue = "3", description = "Unmeasured phase length.")
  int warmupSeconds;

  @Option(names = "--concurrency", defaultValue = "16", description = "Unary calls in flight.")
  int concurrency;

  @Option(names = "--streams", defaultValue = "4", description = "Concurrent streams.")
  int streams;

  @Option(names = "--window", defaultValue = "16", description = "Messages in flight per stream.")
  int window;

  @Option(
      names = "--skip-explanation",
      description = "Ask for scores without reasons (skip_explanation).")
  boolean skipExplanation;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!InetAddress.getByName(host).isLoopbackAddress()) {
      System.err.println("leadscore-load: --host " + host + " (expected: a loopback address)");
      return 2;
    }
    checkBounds();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build();
    try {
      return measure(channel);
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private void checkBounds() {
    if (seconds < 1
        || seconds > 60
        || rounds < 1
        || rounds > 10
        || warmupSeconds < 0
        || warmupSeconds > 60
        || concurrency < 1
        || concurrency > 256
        || streams < 1
        || streams > 64
        || window < 1
        || window > 256) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "expected: --seconds 1..60, --rounds 1..10, --warmup-seconds 0..60,"
              + " --concurrency 1..256, --streams 1..64, --window 1..256");
    }
  }

  private int measure(ManagedChannel channel) throws Exception {
    ScoreRequest request =
        ScoreRequest.newBuilder()
            .setLead(BenchLeads.hotVp())
            .setAsOf(
                com.google.protobuf.util.Timestamps.fromMillis(BenchLeads.AS_OF.toEpochMilli()))
            .setSkipExplanation(skipExplanation)
            .build();
    UnaryDriver<HealthCheckRequest, ?> check =
        new UnaryDriver<>(
            channel, HealthGrpc.getCheckMethod(), HealthCheckRequest.getDefaultInstance());
    UnaryDriver<ScoreRequest, ?> score =
        new UnaryDriver<>(channel, ScoringServiceGrpc.getScoreMethod(), request);
    StreamDriver<ScoreRequest, ?> echo =
        new StreamDriver<>(channel, BenchEchoService.ECHO, request);
    StreamDriver<ScoreRequest, ?> stream =
        new StreamDriver<>(channel, ScoringServiceGrpc.getScoreStreamMethod(), request);
    boolean withEcho = echoAvailable(channel, request);
    if (!withEcho) {
      System.err.println(
          "leadscore-load: the server has no echo service (run dev.leadscore.bench.BenchServer);"
              + " measuring without the streaming baseline");
    }
    System.out.printf(
        Locale.ROOT,
        "target %s:%d, %d rounds of %d s per phase after %d s warm-up; unary concurrency %d;"
            + " %d streams x %d in flight; explanation %s%n",
        host,
        port,
        rounds,
        seconds,
        warmupSeconds,
        concurrency,
        streams,
        window,
        skipExplanation ? "off" : "on");
    long warmup = TimeUnit.SECONDS.toNanos(warmupSeconds);
    long phase = TimeUnit.SECONDS.toNanos(seconds);
    if (warmup > 0) {
      check.run("warm-up", concurrency, warmup);
      score.run("warm-up", concurrency, warmup);
      if (withEcho) {
        echo.run("warm-up", streams, window, warmup);
      }
      stream.run("warm-up", streams, window, warmup);
    }
    List<Phase[]> results = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      results.add(
          new Phase[] {
            check.run("Check (unary)", concurrency, phase),
            score.run("Score (unary)", concurrency, phase),
            withEcho ? echo.run("Echo (stream)", streams, window, phase) : null,
            stream.run("ScoreStream", streams, window, phase)
          });
    }
    Report.print(results, System.out);
    return 0;
  }

  private static boolean echoAvailable(ManagedChannel channel, ScoreRequest request)
      throws Exception {
    CompletableFuture<Boolean> answered = new CompletableFuture<>();
    StreamObserver<ScoreRequest> requests =
        ClientCalls.asyncBidiStreamingCall(
            channel.newCall(BenchEchoService.ECHO, io.grpc.CallOptions.DEFAULT),
            new StreamObserver<ScoreResponse>() {
              @Override
              public void onNext(ScoreResponse value) {
                answered.complete(true);
              }

              @Override
              public void onError(Throwable t) {
                answered.complete(false);
              }

              @Override
              public void onCompleted() {
                answered.complete(false);
              }
            });
    requests.onNext(request);
    requests.onCompleted();
    return answered.get(10, TimeUnit.SECONDS);
  }
}
