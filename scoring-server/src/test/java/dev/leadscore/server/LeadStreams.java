package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadOutcome;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ProfileChange;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Inputs of {@code StreamEvents} for tests, and one call that sends them and waits for answers. */
public final class LeadStreams {
  private LeadStreams() {}

  /** Sends {@code messages} on one {@code StreamEvents} call; every answer, in order. */
  public static List<LeadScoreUpdate> stream(Channel channel, List<LeadEventMessage> messages)
      throws InterruptedException {
    Recorder<LeadEventMessage, LeadScoreUpdate> responses = Recorder.eager();
    StreamObserver<LeadEventMessage> requests =
        ScoringServiceGrpc.newStub(channel).streamEvents(responses);
    messages.forEach(requests::onNext);
    requests.onCompleted();
    assertThat(responses.awaitCompletion()).as("completed: %s", responses.error()).isTrue();
    return responses.values();
  }

  public static LeadEventMessage profile(String lead, Map<String, Value> attributes) {
    return LeadEventMessage.newBuilder()
        .setLeadId(lead)
        .setProfile(ProfileChange.newBuilder().putAllSet(attributes))
        .build();
  }

  public static LeadEventMessage event(String lead, String id, String type, Instant time) {
    return LeadEventMessage.newBuilder()
        .setLeadId(lead)
        .setEvent(
            LeadEvent.newBuilder()
                .setId(id)
                .setType(type)
                .setTime(Timestamps.fromMillis(time.toEpochMilli())))
        .build();
  }

  public static LeadOutcome outcome(String id, LeadOutcome.Kind kind, String reason, Instant time) {
    return LeadOutcome.newBuilder()
        .setId(id)
        .setKind(kind)
        .setReason(reason)
        .setTime(Timestamps.fromMillis(time.toEpochMilli()))
        .build();
  }

  public static LeadEventMessage outcome(String lead, LeadOutcome outcome) {
    return LeadEventMessage.newBuilder().setLeadId(lead).setOutcome(outcome).build();
  }

  /** The same input, scored with {@code model}. */
  public static LeadEventMessage withModel(LeadEventMessage message, String model) {
    return message.toBuilder().setModel(ModelRef.newBuilder().setName(model)).build();
  }
}
