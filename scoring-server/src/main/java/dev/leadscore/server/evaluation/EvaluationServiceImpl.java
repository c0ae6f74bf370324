package dev.leadscore.server.evaluation;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.EvaluateModelRequest;
import dev.leadscore.proto.v1.EvaluateModelResponse;
import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import dev.leadscore.proto.v1.ExportLeadsRequest;
import dev.leadscore.proto.v1.ExportLeadsResponse;
import dev.leadscore.proto.v1.PreviewImpactRequest;
import dev.leadscore.proto.v1.PreviewImpactResponse;
import dev.leadscore.server.internal.ScoringStatuses;
import dev.leadscore.server.internal.UnaryCalls;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code leadscore.v1.EvaluationService}. Every call reads the whole store, so every call runs on a
 * pool of its own ({@value #THREADS} threads, {@value #QUEUED} calls queued; beyond that {@code
 * RESOURCE_EXHAUSTED}): never on the transport's threads, never crowding out scoring. Without a
 * lead store every call is {@code UNIMPLEMENTED}.
 */
public final class EvaluationServiceImpl extends EvaluationServiceGrpc.EvaluationServiceImplBase {
  static final int THREADS = 2;
  static final int QUEUED = 8;

  private final @Nullable LiveEvaluator evaluator;
  private final @Nullable ImpactPreview preview;
  private final @Nullable LeadExport export;
  private final ExecutorService executor =
      new ThreadPoolExecutor(
          THREADS,
          THREADS,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUED),
          new ThreadFactoryBuilder()
              .setNameFormat("leadscore-evaluation-%d")
              .setDaemon(true)
              .build());

  /**
   * @param store the lead store; without one every call is {@code UNIMPLEMENTED}
   * @param compiler compiles candidate documents of {@code PreviewImpact}; without one only
   *     published versions can be previewed
   * @param snapshotDelay the delay after a lead's first event at which its score is kept
   */
  public EvaluationServiceImpl(
      ModelRegistry registry,
      @Nullable LeadStore store,
      @Nullable ModelCompiler compiler,
      Clock clock,
      Duration snapshotDelay) {
    if (store == null) {
      this.evaluator = null;
      this.preview = null;
      this.export = null;
    } else {
      this.evaluator = new LiveEvaluator(registry, store, clock, snapshotDelay.toMillis());
      this.preview = new ImpactPreview(registry, store, compiler, clock);
      this.export = new LeadExport(store, clock);
    }
  }

  @Override
  public void evaluateModel(
      EvaluateModelRequest request, StreamObserver<EvaluateModelResponse> responseObserver) {
    LiveEvaluator live = evaluator;
    if (live == null) {
      responseObserver.onError(noStore());
      return;
    }
    Context context = Context.current();
    run(
        responseObserver,
        () ->
            UnaryCalls.answer(
                responseObserver, () -> live.evaluate(request, context::isCancelled)));
  }

  @Override
  public void previewImpact(
      PreviewImpactRequest request, StreamObserver<PreviewImpactResponse> responseObserver) {
    ImpactPreview impact = preview;
    if (impact == null) {
      responseObserver.onError(noStore());
      return;
    }
    ServerCallStreamObserver<PreviewImpactResponse> responses =
        (ServerCallStreamObserver<PreviewImpactResponse>) responseObserver;
    responses.setOnCancelHandler(() -> {});
    ImpactPreview.Run run;
    try {
      run = impact.prepare(request);
    } catch (RuntimeException e) {
      responses.onError(ScoringStatuses.toStatusException(e));
      return;
    }
    run(
        responses,
        () -> {
          try {
            run.execute(responses);
          } catch (RuntimeException e) {
            fail(responses, e);
          }
        });
  }

  @Override
  public void exportLeads(
      ExportLeadsRequest request, StreamObserver<ExportLeadsResponse> responseObserver) {
    LeadExport leads = export;
    if (leads == null) {
      responseObserver.onError(noStore());
      return;
    }
    ServerCallStreamObserver<ExportLeadsResponse> responses =
        (ServerCallStreamObserver<ExportLeadsResponse>) responseObserver;
    responses.setOnCancelHandler(() -> {});
    LeadExport.Settings settings;
    try {
      settings = leads.prepare(request);
    } catch (RuntimeException e) {
      responses.onError(ScoringStatuses.toStatusException(e));
      return;
    }
    leads.start(settings, responses, executor);
  }

  /** Stops the pool; calls still running end as their scans notice the server going away. */
  public void shutdown() {
    executor.shutdownNow();
  }

  private void run(StreamObserver<?> responses, Runnable call) {
    try {
      executor.execute(call);
    } catch (RejectedExecutionException e) {
      responses.onError(busy());
    }
  }

  /** Ends a stream that failed after it started; a cancelled call takes no more messages. */
  private static void fail(ServerCallStreamObserver<?> responses, RuntimeException e) {
    if (!responses.isCancelled()) {
      responses.onError(ScoringStatuses.toStatusException(e));
    }
  }

  static StatusRuntimeException busy() {
    return Status.RESOURCE_EXHAUSTED
        .withDescription(
            "too many evaluations, previews and exports at once (at most "
                + THREADS
                + " running and "
                + QUEUED
                + " waiting); retry later")
        .asRuntimeException();
  }

  private static StatusRuntimeException noStore() {
    return Status.UNIMPLEMENTED
        .withDescription("evaluation is not enabled on this server (it needs a lead store)")
        .asRuntimeException();
  }
}
