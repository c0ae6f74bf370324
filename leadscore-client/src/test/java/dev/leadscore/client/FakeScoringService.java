package dev.leadscore.client;

import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.DeleteLeadResponse;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.GetLeadResponse;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scoring service that fails on purpose: {@code Score} is {@code UNAVAILABLE} for its first
 * {@code unavailableScores} attempts, {@code StreamEvents} and {@code DeleteLead} always are, and
 * {@code GetLead} never answers. Counts the attempts per method.
 */
final class FakeScoringService extends ScoringServiceGrpc.ScoringServiceImplBase {
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final int unavailableScores;

  FakeScoringService(int unavailableScores) {
    this.unavailableScores = unavailableScores;
  }

  int attempts(String method) {
    return attempts.computeIfAbsent(method, m -> new AtomicInteger()).get();
  }

  private int attempt(String method) {
    return attempts.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void score(ScoreRequest request, StreamObserver<ScoreResponse> response) {
    if (attempt("Score") <= unavailableScores) {
      response.onError(Status.UNAVAILABLE.withDescription("draining").asRuntimeException());
      return;
    }
    response.onNext(
        ScoreResponse.newBuilder().setLeadId(request.getLead().getId()).setScore(42).build());
    response.onCompleted();
  }

  @Override
  public void getLead(GetLeadRequest request, StreamObserver<GetLeadResponse> response) {
    attempt("GetLead");
  }

  @Override
  public void deleteLead(DeleteLeadRequest request, StreamObserver<DeleteLeadResponse> response) {
    attempt("DeleteLead");
    response.onError(Status.UNAVAILABLE.asRuntimeException());
  }

  @Override
  public StreamObserver<LeadEventMessage> streamEvents(StreamObserver<LeadScoreUpdate> updates) {
    attempt("StreamEvents");
    updates.onError(Status.UNAVAILABLE.asRuntimeException());
    return new StreamObserver<>() {
      @Override
      public void onNext(LeadEventMessage value) {}

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }
}
