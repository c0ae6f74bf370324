package dev.leadscore.server;

import dev.leadscore.proto.v1.AccountResponse;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.DeleteLeadResponse;
import dev.leadscore.proto.v1.GetAccountRequest;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.GetLeadResponse;
import dev.leadscore.proto.v1.LeadEventBatch;
import dev.leadscore.proto.v1.LeadEventBatchResult;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.RecordOutcomeRequest;
import dev.leadscore.proto.v1.RecordOutcomeResponse;
import dev.leadscore.proto.v1.ScoreAccountRequest;
import dev.leadscore.proto.v1.ScoreBatchRequest;
import dev.leadscore.proto.v1.ScoreBatchResponse;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.WatchTransitionsRequest;
import dev.leadscore.server.accounts.AccountRequests;
import dev.leadscore.server.events.EventStreams;
import dev.leadscore.server.internal.ScoringStatuses;
import dev.leadscore.server.internal.UnaryCalls;
import dev.leadscore.server.scoring.ScoreStreamHandler;
import dev.leadscore.server.scoring.StatelessScorer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;

/** {@code leadscore.v1.ScoringService}. */
final class ScoringServiceImpl extends ScoringServiceGrpc.ScoringServiceImplBase {
  private final StatelessScorer scorer;
  private final @Nullable EventStreams leads;
  private final AccountRequests accounts;

  ScoringServiceImpl(
      StatelessScorer scorer, @Nullable EventStreams leads, AccountRequests accounts) {
    this.scorer = scorer;
    this.leads = leads;
    this.accounts = accounts;
  }

  @Override
  public void score(ScoreRequest request, StreamObserver<ScoreResponse> responseObserver) {
    UnaryCalls.answer(responseObserver, () -> scorer.score(request));
  }

  @Override
  public void scoreBatch(
      ScoreBatchRequest request, StreamObserver<ScoreBatchResponse> responseObserver) {
    UnaryCalls.answer(responseObserver, () -> scorer.scoreBatch(request));
  }

  @Override
  public StreamObserver<ScoreRequest> scoreStream(StreamObserver<ScoreResponse> responseObserver) {
    return new ScoreStreamHandler(
        scorer, (ServerCallStreamObserver<ScoreResponse>) responseObserver);
  }

  @Override
  public StreamObserver<LeadEventMessage> streamEvents(
      StreamObserver<LeadScoreUpdate> responseObserver) {
    if (leads == null) {
      responseObserver.onError(noStore());
      return new NoOpObserver<>();
    }
    return leads.streamEvents((ServerCallStreamObserver<LeadScoreUpdate>) responseObserver);
  }

  @Override
  public StreamObserver<LeadEventBatch> streamEventBatches(
      StreamObserver<LeadEventBatchResult> responseObserver) {
    if (leads == null) {
      responseObserver.onError(noStore());
      return new NoOpObserver<>();
    }
    return leads.streamEventBatches(
        (ServerCallStreamObserver<LeadEventBatchResult>) responseObserver);
  }

  @Override
  public void getLead(GetLeadRequest request, StreamObserver<GetLeadResponse> responseObserver) {
    if (leads == null) {
      responseObserver.onError(noStore());
      return;
    }
    UnaryCalls.answer(responseObserver, () -> leads.getLead(request));
  }

  @Override
  public void deleteLead(
      DeleteLeadRequest request, StreamObserver<DeleteLeadResponse> responseObserver) {
    if (leads == null) {
      responseObserver.onError(noStore());
      return;
    }
    UnaryCalls.answer(responseObserver, () -> leads.deleteLead(request));
  }

  @Override
  public void recordOutcome(
      RecordOutcomeRequest request, StreamObserver<RecordOutcomeResponse> responseObserver) {
    if (leads == null) {
      responseObserver.onError(noStore());
      return;
    }
    UnaryCalls.answer(responseObserver, () -> leads.recordOutcome(request));
  }

  @Override
  public void watchTransitions(
      WatchTransitionsRequest request, StreamObserver<BandTransition> responseObserver) {
    if (leads == null) {
      responseObserver.onError(noStore());
      return;
    }
    try {
      leads.watch(request, (ServerCallStreamObserver<BandTransition>) responseObserver);
    } catch (RuntimeException e) {
      responseObserver.onError(ScoringStatuses.toStatusException(e));
    }
  }

  @Override
  public void watchAccountTransitions(
      WatchTransitionsRequest request, StreamObserver<BandTransition> responseObserver) {
    if (leads == null) {
      responseObserver.onError(noStore());
      return;
    }
    if (!leads.keepsAccounts()) {
      responseObserver.onError(
          Status.UNIMPLEMENTED.withDescription(AccountRequests.NO_ACCOUNTS).asRuntimeException());
      return;
    }
    try {
      leads.watchAccounts(request, (ServerCallStreamObserver<BandTransition>) responseObserver);
    } catch (RuntimeException e) {
      responseObserver.onError(ScoringStatuses.toStatusException(e));
    }
  }

  @Override
  public void getAccount(
      GetAccountRequest request, StreamObserver<AccountResponse> responseObserver) {
    if (leads == null) {
      responseObserver.onError(noStore());
      return;
    }
    UnaryCalls.answer(responseObserver, () -> accounts.getAccount(request));
  }

  @Override
  public void scoreAccount(
      ScoreAccountRequest request, StreamObserver<AccountResponse> responseObserver) {
    UnaryCalls.answer(responseObserver, () -> accounts.scoreAccount(request));
  }

  private static StatusRuntimeException noStore() {
    return Status.UNIMPLEMENTED
        .withDescription("stateful scoring is not enabled on this server (it needs a lead store)")
        .asRuntimeException();
  }

  private static final class NoOpObserver<T> implements StreamObserver<T> {
    @Override
    public void onNext(T value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
