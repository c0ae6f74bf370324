package dev.leadscore.server.scoring;

import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.server.internal.MalformedMessages;
import dev.leadscore.server.internal.ScoringStatuses;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One {@code ScoreStream} call. Requests are pulled one at a time, and only while the client keeps
 * up with the responses ({@code isReady}): a client that stops reading stops the server reading, so
 * nothing is buffered without bound. A request that fails, or is not a valid {@code ScoreRequest}
 * at all ({@link MalformedMessages}), is answered in order with {@code error} set and the stream
 * goes on.
 */
public final class ScoreStreamHandler implements StreamObserver<ScoreRequest> {
  private final StatelessScorer scorer;
  private final ServerCallStreamObserver<ScoreResponse> responses;
  // Guarded by the call's serialized executor: gRPC never runs two of its callbacks at once.
  private boolean waitingForReady;
  private boolean done;

  public ScoreStreamHandler(
      StatelessScorer scorer, ServerCallStreamObserver<ScoreResponse> responses) {
    this.scorer = scorer;
    this.responses = responses;
    responses.disableAutoRequest();
    responses.setOnReadyHandler(this::onReady);
    responses.setOnCancelHandler(() -> done = true);
    responses.request(1);
  }

  private void onReady() {
    if (waitingForReady && responses.isReady() && !done) {
      waitingForReady = false;
      responses.request(1);
    }
  }

  @Override
  public void onNext(ScoreRequest request) {
    if (done) {
      return;
    }
    ScoreResponse response;
    String malformed = MalformedMessages.problem();
    try {
      if (malformed != null) {
        throw Status.INVALID_ARGUMENT.withDescription("request: " + malformed).asRuntimeException();
      }
      response = scorer.score(request);
    } catch (RuntimeException e) {
      response =
          ScoreResponse.newBuilder()
              .setLeadId(request.getLead().getId())
              .setError(ScoringStatuses.toStatus(e))
              .build();
    }
    responses.onNext(response);
    if (responses.isReady()) {
      responses.request(1);
    } else {
      waitingForReady = true;
    }
  }

  @Override
  public void onError(Throwable t) {
    done = true;
  }

  @Override
  public void onCompleted() {
    if (!done) {
      done = true;
      responses.onCompleted();
    }
  }
}
