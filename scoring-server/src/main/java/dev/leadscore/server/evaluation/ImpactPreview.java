package dev.leadscore.server.evaluation;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.Band;
import dev.leadscore.proto.v1.ImpactProgress;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.PreviewImpactRequest;
import dev.leadscore.proto.v1.PreviewImpactResponse;
import dev.leadscore.server.internal.Requests;
import dev.leadscore.server.security.AccessControl;
import dev.leadscore.server.security.Role;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code PreviewImpact}: every stored lead scored by the version that serves it now and by a
 * candidate, as of one clock, without publishing anything. What it keeps while it scans is bounded
 * by the bands and the number of movers asked for ({@link ImpactTally}); the movers' explanations
 * are computed at the end, for those leads only.
 */
final class ImpactPreview {
  static final int DEFAULT_MOVERS = 10;
  static final int MAX_MOVERS = 100;
  private static final long PROGRESS_NANOS = 250_000_000L;

  private final ModelRegistry registry;
  private final LeadStore store;
  private final @Nullable ModelCompiler compiler;
  private final Clock clock;

  ImpactPreview(
      ModelRegistry registry, LeadStore store, @Nullable ModelCompiler compiler, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.compiler = compiler;
    this.clock = clock;
  }

  /**
   * Checks the request and resolves both models, on the call's thread (the caller's roles are only
   * known there).
   *
   * @throws ScoringException for a bad request, an unknown model or an invalid document
   */
  Run prepare(PreviewImpactRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    int movers =
        LiveEvaluator.bounded(
            request.getMovers(), DEFAULT_MOVERS, 1, MAX_MOVERS, "movers", violations);
    Requests.checkAsOf(request.hasAsOf(), request.getAsOf(), "as_of", violations);
    if (request.getMaxLeads() < 0) {
      violations.add(
          new FieldViolation(
              "max_leads", request.getMaxLeads() + " (expected: 0 for every lead, or more)"));
    }
    if (request.getCandidateCase() == PreviewImpactRequest.CandidateCase.VERSION
        && request.getVersion() <= 0) {
      violations.add(
          new FieldViolation("version", request.getVersion() + " (expected: a version >= 1)"));
    }
    if (request.getCandidateCase() == PreviewImpactRequest.CandidateCase.CANDIDATE_NOT_SET) {
      violations.add(
          new FieldViolation(
              "candidate", "missing (expected: a version, a label or a model document)"));
    }
    Requests.failOn(violations);
    String model = request.getModel().isEmpty() ? registry.defaultModelName() : request.getModel();
    ModelSelector current = new ModelSelector(model, 0, "");
    registry.resolve(current);
    Resolution candidate = candidate(request, model);
    long asOf = request.hasAsOf() ? Requests.millis(request.getAsOf()) : clock.millis();
    return new Run(current, candidate, asOf, movers, request.getMaxLeads());
  }

  private Resolution candidate(PreviewImpactRequest request, String model) {
    return switch (request.getCandidateCase()) {
      case VERSION -> registry.resolve(new ModelSelector(model, request.getVersion(), ""));
      case LABEL -> registry.resolve(new ModelSelector(model, 0, request.getLabel()));
      case DOCUMENT -> new Resolution(compile(request), "");
      case CANDIDATE_NOT_SET -> throw new IllegalStateException("checked above");
    };
  }

  private CompiledModel compile(PreviewImpactRequest request) {
    if (!AccessControl.callerHolds(Role.VALIDATE)) {
      throw Status.PERMISSION_DENIED
          .withDescription(
              "PreviewImpact with a model document needs role validate as well as read-leads (it"
                  + " compiles the document, running plugin code)")
          .asRuntimeException();
    }
    if (compiler == null) {
      throw Status.UNIMPLEMENTED
          .withDescription("this server previews published versions only, not documents")
          .asRuntimeException();
    }
    try {
      return compiler.compile(request.getDocument(), 0);
    } catch (ScoringException e) {
      List<FieldViolation> violations = new ArrayList<>();
      for (FieldViolation violation : e.violations()) {
        violations.add(
            new FieldViolation(
                violation.field().isEmpty() ? "document" : "document." + violation.field(),
                violation.description()));
      }
      throw ScoringException.invalid(
          ScoringErrorCode.INVALID_MODEL, "the candidate document is invalid", violations);
    }
  }

  /** One preview, run off the call's thread. */
  final class Run {
    private final ModelSelector current;
    private final Resolution candidate;
    private final long asOf;
    private final int movers;
    private final long maxLeads;

    Run(ModelSelector current, Resolution candidate, long asOf, int movers, long maxLeads) {
      this.current = current;
      this.candidate = candidate;
      this.asOf = asOf;
      this.movers = movers;
      this.maxLeads = maxLeads;
    }

    /** Scans, sends progress while the client keeps up, then the report. */
    void execute(ServerCallStreamObserver<PreviewImpactResponse> responses) {
      long started = System.nanoTime();
      List<String> bands = new ArrayList<>();
      for (Band band : candidate.model().document().getBandsList()) {
        bands.add(band.getName());
      }
      ImpactTally tally = new ImpactTally(bands, movers);
      long[] lastProgress = {started};
      StoredLeads.forEach(
          store,
          responses::isCancelled,
          maxLeads,
          lead -> {
            score(lead, tally);
            long now = System.nanoTime();
            if (now - lastProgress[0] >= PROGRESS_NANOS && responses.isReady()) {
              lastProgress[0] = now;
              responses.onNext(
                  PreviewImpactResponse.newBuilder()
                      .setProgress(progress(tally, started, now))
                      .build());
            }
          });
      List<MoverScores> explained = new ArrayList<>();
      for (String leadId : tally.moverIds()) {
        try {
          store.get(leadId).ifPresent(lead -> explained.add(explain(lead)));
        } catch (ScoringException e) {
          // A lead that fails to score now (a plugin, a model just removed) is left out.
        }
      }
      responses.onNext(
          PreviewImpactResponse.newBuilder()
              .setReport(tally.report(candidate, explained, System.nanoTime() - started))
              .build());
      responses.onCompleted();
    }

    private void score(LeadState lead, ImpactTally tally) {
      ProtoLeadView view = new ProtoLeadView(lead.getLead(), asOf);
      try {
        ScoreResult before =
            registry.resolve(current, lead.getLead().getId()).model().score(view, false);
        ScoreResult after = candidate.model().score(view, false);
        tally.add(lead.getLead().getId(), before, after);
      } catch (ScoringException e) {
        tally.failed();
      }
    }

    private MoverScores explain(LeadState lead) {
      ProtoLeadView view = new ProtoLeadView(lead.getLead(), asOf);
      Resolution now = registry.resolve(current, lead.getLead().getId());
      return new MoverScores(
          lead.getLead().getId(),
          now,
          now.model().score(view, true),
          candidate,
          candidate.model().score(view, true));
    }
  }

  /** A mover's two scores, with explanations. */
  record MoverScores(
      String leadId,
      Resolution before,
      ScoreResult beforeScore,
      Resolution after,
      ScoreResult afterScore) {}

  private static ImpactProgress progress(ImpactTally tally, long started, long now) {
    double seconds = (now - started) / 1e9;
    return ImpactProgress.newBuilder()
        .setLeadsScored(tally.scored())
        .setElapsedMillis((now - started) / 1_000_000)
        .setLeadsPerSecond(seconds == 0 ? 0 : tally.scored() / seconds)
        .build();
  }
}
