package dev.leadscore.server;

import dev.leadscore.proto.v1.ScoreBatchRequest;
import dev.leadscore.proto.v1.ScoreBatchResponse;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** {@code leadscore.v1.ScoringService}. */
final class ScoringServiceImpl extends ScoringServiceGrpc.ScoringServiceImplBase {
  private final RequestScorer scorer;

  ScoringServiceImpl(RequestScorer scorer) {
    this.scorer = scorer;
  }

  @Override
  public void score(ScoreRequest request, StreamObserver<ScoreResponse> responseObserver) {
    ScoreResponse response;
    try {
      response = scorer.score(request);
    } catch (RuntimeException e) {
      responseObserver.onError(ScoringStatuses.toStatusException(e));
      return;
    }
    responseObserver.onNext(response);
    responseObserver.onCompleted();
  }

  @Override
  public void scoreBatch(
      ScoreBatchRequest request, StreamObserver<ScoreBatchResponse> responseObserver) {
    ScoreBatchResponse response;
    try {
      response = scorer.scoreBatch(request);
    } catch (RuntimeException e) {
      responseObserver.onError(ScoringStatuses.toStatusException(e));
      return;
    }
    responseObserver.onNext(response);
    responseObserver.onCompleted();
  }

  @Override
  public StreamObserver<ScoreRequest> scoreStream(StreamObserver<ScoreResponse> responseObserver) {
    return new ScoreStreamHandler(
        scorer, (ServerCallStreamObserver<ScoreResponse>) responseObserver);
  }
}
