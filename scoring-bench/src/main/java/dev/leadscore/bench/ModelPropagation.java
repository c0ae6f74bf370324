package dev.leadscore.bench;

import dev.leadscore.proto.v1.GetModelRequest;
import dev.leadscore.proto.v1.GetModelResponse;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.Rule;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How long a model published through one replica takes to be served by another: publishes a new
 * version of the default model through the first port, then scores through the second every
 * millisecond until the answer names the new version, {@code ROUNDS} times. Not a test; run by hand
 * against two replicas on one shared store, see docs/PERFORMANCE.md.
 *
 * <pre>java -cp scoring-bench/target/benchmarks.jar dev.leadscore.bench.ModelPropagation \
 *     PUBLISH_PORT SERVE_PORT [ROUNDS=20]</pre>
 */
public final class ModelPropagation {
  private ModelPropagation() {}

  public static void main(String[] args) throws Exception {
    ManagedChannel publisher = channel(Integer.parseInt(args[0]));
    ManagedChannel server = channel(Integer.parseInt(args[1]));
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    try {
      List<Long> millis = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        millis.add(round(publisher, server, round));
      }
      Collections.sort(millis);
      System.out.printf(
          "%d publishes: served by the other replica after min %d ms, median %d ms, max %d ms%n",
          rounds, millis.get(0), millis.get(rounds / 2), millis.get(rounds - 1));
    } finally {
      publisher.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static long round(ManagedChannel publisher, ManagedChannel server, int round)
      throws InterruptedException {
    // The other replica polls every 500 ms: a random pause keeps the publishes from falling at
    // the same point of its cycle each round, which would measure one point instead of the spread.
    Thread.sleep(ThreadLocalRandom.current().nextInt(500));
    GetModelResponse current =
        ModelServiceGrpc.newBlockingStub(publisher)
            .getModel(
                GetModelRequest.newBuilder()
                    .setModel(ModelRef.newBuilder().setName("b2b-default"))
                    .build());
    long started = System.nanoTime();
    long version =
        ModelServiceGrpc.newBlockingStub(publisher)
            .publishModel(
                PublishModelRequest.newBuilder()
                    .setModel(
                        current.getModel().toBuilder()
                            .addRules(Rule.newBuilder().setId(ruleId(round)).setAddPoints(1)))
                    .setExpectedLatestVersion(current.getVersion().getVersion())
                    .build())
            .getVersion()
            .getVersion();
    ScoreRequest score = ScoreRequest.newBuilder().setLead(Lead.newBuilder().setId("p")).build();
    while (ScoringServiceGrpc.newBlockingStub(server).score(score).getModel().getVersion()
        != version) {
      Thread.sleep(1);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  /** A rule id new on every run, so runs can repeat against one store. */
  private static String ruleId(int round) {
    return "bench_" + Long.toString(System.currentTimeMillis(), 36) + "_" + round;
  }

  private static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }
}
