package com.example.leadscore;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.client.LeadscoreChannels;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ProfileChange;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sends a profile change and an event for one lead over {@code StreamEvents} and prints each
 * answer: {@code mvn -q compile exec:java -Dexec.mainClass=com.example.leadscore.StreamLeadEvents}.
 */
public final class StreamLeadEvents {
  private StreamLeadEvents() {}

  public static void main(String[] args) throws InterruptedException {
    String target = args.length > 0 ? args[0] : "localhost:50051";
    ManagedChannel channel = LeadscoreChannels.forTarget(target).build();
    String eventId = "evt-" + System.currentTimeMillis(); // a new id: a resent one is a duplicate
    // [START stream]
    CountDownLatch done = new CountDownLatch(1);
    StreamObserver<LeadEventMessage> events =
        ScoringServiceGrpc.newStub(channel)
            .streamEvents(
                new StreamObserver<>() {
                  @Override
                  public void onNext(LeadScoreUpdate u) { // one answer per input, in order per lead
                    if (u.hasError()) { // a google.rpc.Status for this input; the stream goes on
                      System.out.println(u.getLeadId() + " refused: " + u.getError().getMessage());
                    } else {
                      System.out.println(
                          u.getLeadId()
                              + " "
                              + u.getPreviousBand()
                              + " -> "
                              + u.getScore().getBand()
                              + (u.getDuplicate() ? " (duplicate)" : ""));
                    }
                  }

                  @Override
                  public void onError(Throwable t) { // reconnect and resend what was not answered
                    System.out.println("stream failed: " + t);
                    done.countDown();
                  }

                  @Override
                  public void onCompleted() {
                    done.countDown();
                  }
                });
    events.onNext(
        LeadEventMessage.newBuilder()
            .setLeadId("jane@acme.example")
            .setProfile(
                ProfileChange.newBuilder()
                    .putSet(
                        "job_title",
                        Value.newBuilder().setStringValue("Director of Sales").build()))
            .build());
    events.onNext(
        LeadEventMessage.newBuilder()
            .setLeadId("jane@acme.example")
            .setEvent(
                LeadEvent.newBuilder()
                    .setId(eventId) // required, unique per event
                    .setType("webinar_attended")
                    .setTime(Timestamps.fromMillis(System.currentTimeMillis())))
            .build());
    events.onCompleted(); // no more inputs: the server answers the rest, then completes
    done.await(30, TimeUnit.SECONDS);
    // [END stream]
    channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
  }
}
