package com.example.leadscore;

import com.google.protobuf.Value;
import dev.leadscore.client.LeadscoreChannels;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** Scores one lead: {@code mvn -q compile exec:java -Dexec.args=localhost:50051}. */
public final class ScoreLead {
  private ScoreLead() {}

  public static void main(String[] args) throws InterruptedException {
    String target = args.length > 0 ? args[0] : "localhost:50051";
    // [START score]
    ManagedChannel channel = LeadscoreChannels.forTarget(target).build(); // e.g. "localhost:50051"
    ScoringServiceGrpc.ScoringServiceBlockingStub scoring =
        ScoringServiceGrpc.newBlockingStub(channel);
    ScoreResponse response =
        scoring.score(
            ScoreRequest.newBuilder()
                .setLead(
                    Lead.newBuilder()
                        .setId("lead-7")
                        .putAttributes(
                            "job_title", Value.newBuilder().setStringValue("Student").build()))
                .build());
    System.out.println(response.getScore() + " " + response.getBand()); // 0.0 cold
    response.getContributionsList().forEach(c -> System.out.println(c.getReason()));
    channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    // [END score]
  }
}
