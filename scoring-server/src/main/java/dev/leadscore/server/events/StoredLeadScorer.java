package dev.leadscore.server.events;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.account.AccountChanges;
import dev.leadscore.core.account.AccountOutcome;
import dev.leadscore.core.internal.Echoes;
import dev.leadscore.core.lead.LeadLimits;
import dev.leadscore.core.lead.LeadValidation;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.core.state.ScoreSnapshots;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.BandTransition;
import dev.leadscore.proto.v1.DeleteLeadRequest;
import dev.leadscore.proto.v1.DeleteLeadResponse;
import dev.leadscore.proto.v1.GetLeadRequest;
import dev.leadscore.proto.v1.GetLeadResponse;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.ModelScore;
import dev.leadscore.proto.v1.ProfileChange;
import dev.leadscore.proto.v1.ResolvedModel;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.server.internal.Requests;
import dev.leadscore.server.internal.ResponseSizes;
import dev.leadscore.server.internal.ScoreProtos;
import dev.leadscore.server.internal.ScoringMetrics;
import dev.leadscore.server.internal.ScoringStatuses;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Applies stream inputs to stored leads and scores them; serves GetLead and DeleteLead.
 * Thread-safe; the caller keeps inputs of one lead in order (see {@link LeadLanes}).
 */
final class StoredLeadScorer {
  private final ModelRegistry registry;
  private final LeadStore store;
  private final Clock clock;
  private final int maxEventsPerLead;
  private final LeadLimits limits;
  private final long snapshotDelayMillis;
  private final ScoringMetrics metrics;
  private final StoredAccounts accounts;
  private final OutcomeRecorder outcomes;

  StoredLeadScorer(
      ModelRegistry registry,
      LeadStore store,
      Clock clock,
      int maxEventsPerLead,
      LeadLimits limits,
      long snapshotDelayMillis,
      ScoringMetrics metrics) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
    this.maxEventsPerLead = maxEventsPerLead;
    this.limits = limits;
    this.snapshotDelayMillis = snapshotDelayMillis;
    this.metrics = metrics;
    this.accounts = new StoredAccounts(registry, store);
    this.outcomes = new OutcomeRecorder(store, clock);
  }

  /** Records outcomes from {@code RecordOutcome}. */
  OutcomeRecorder outcomes() {
    return outcomes;
  }

  /**
   * Applies one input and answers it once its effect is durable; a failure is answered with {@code
   * error} set. The mutation runs on the calling thread.
   *
   * @param position the input's index in its batch, which the paths of its field violations then
   *     start with ({@code inputs[3].event.type}); negative for an input of its own
   */
  CompletableFuture<LeadScoreUpdate> apply(LeadEventMessage message, int position) {
    CompletableFuture<LeadScoreUpdate> answer;
    try {
      answer = applyOrThrow(message, position);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.exceptionally(error -> failed(message, error, position));
  }

  private static LeadScoreUpdate failed(LeadEventMessage message, Throwable error, int position) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return LeadScoreUpdate.newBuilder()
        .setLeadId(message.getLeadId())
        .setEventId(message.getEvent().getId())
        .setOutcomeId(message.getOutcome().getId())
        .setError(ScoringStatuses.toStatus(position < 0 ? cause : inBatch(cause, position)))
        .build();
  }

  /**
   * The failure with its field paths under the input's place in the batch; built only on failure.
   */
  private static Throwable inBatch(Throwable cause, int position) {
    if (!(cause instanceof ScoringException scoring) || scoring.violations().isEmpty()) {
      return cause;
    }
    String prefix = "inputs[" + position + "]";
    List<FieldViolation> placed = new ArrayList<>(scoring.violations().size());
    for (FieldViolation violation : scoring.violations()) {
      placed.add(
          new FieldViolation(
              violation.field().isEmpty() ? prefix : prefix + "." + violation.field(),
              violation.description()));
    }
    return ScoringException.invalid(scoring.code(), scoring.summary(), placed);
  }

  private CompletableFuture<LeadScoreUpdate> applyOrThrow(LeadEventMessage message, int position) {
    long now = clock.millis();
    List<FieldViolation> violations = new ArrayList<>(0);
    LeadValidation.checkLeadId(message.getLeadId(), violations);
    Requests.failOn(violations);
    Resolution resolution;
    try {
      var selector = Requests.selector(message.getModel(), "model", violations);
      LeadValidation.validateStreamInput(message, now, limits, violations);
      Requests.failOn(violations);
      resolution = registry.resolve(selector, message.getLeadId());
      Requests.requireLeadModel(resolution.model(), "model");
    } catch (RuntimeException e) {
      // Through the store all the same, so the failure is answered after the lead's earlier inputs.
      return store
          .update(
              message.getLeadId(),
              "",
              current -> {
                throw e;
              })
          .thenApply(ignored -> failed(message, e, position));
    }
    if (message.hasOutcome()) {
      return outcomes
          .apply(message.getLeadId(), message.getOutcome(), now)
          .thenApply(
              recorded ->
                  lastScore(
                      LeadScoreUpdate.newBuilder()
                          .setLeadId(message.getLeadId())
                          .setOutcomeId(message.getOutcome().getId())
                          .setDuplicate(recorded.duplicate()),
                      recorded.state(),
                      resolution));
    }
    Scoring scoring = new Scoring(resolution, now, message);
    return store
        .update(message.getLeadId(), message.getEvent().getId(), scoring::apply)
        .thenApply(outcome -> answer(message, resolution, scoring, outcome));
  }

  private static LeadScoreUpdate answer(
      LeadEventMessage message, Resolution resolution, Scoring scoring, UpdateOutcome outcome) {
    if (outcome.duplicate()) {
      return duplicate(
          LeadScoreUpdate.newBuilder()
              .setLeadId(message.getLeadId())
              .setEventId(message.getEvent().getId()),
          outcome.state(),
          resolution);
    }
    LeadScoreUpdate prepared = requireNonNull(scoring.prepared, "prepared");
    if (outcome.transitionSequence() == 0 && scoring.accountOutcomes.isEmpty()) {
      return prepared;
    }
    LeadScoreUpdate.Builder update =
        prepared.toBuilder().setTransitionSequence(outcome.transitionSequence());
    StoredAccounts.answer(update, scoring.accountOutcomes, outcome);
    return update.build();
  }

  /** A duplicate changes nothing: it is answered with the last score the model gave. */
  private static LeadScoreUpdate duplicate(
      LeadScoreUpdate.Builder update, LeadState state, Resolution resolution) {
    return lastScore(update.setDuplicate(true), state, resolution);
  }

  /** The answer with the last score the model gave the lead, if any. */
  private static LeadScoreUpdate lastScore(
      LeadScoreUpdate.Builder update, LeadState state, Resolution resolution) {
    ModelScore last = state.getScoresOrDefault(resolution.model().name(), null);
    ScoreResponse.Builder score = ScoreResponse.newBuilder().setLeadId(update.getLeadId());
    if (last != null) {
      score
          .setScore(last.getScore())
          .setBand(last.getBand())
          .setGrade(last.getGrade())
          .setModel(
              ResolvedModel.newBuilder()
                  .setName(resolution.model().name())
                  .setVersion(last.getVersion())
                  .setLabel(resolution.label()));
      update.setPreviousBand(last.getBand()).setPreviousScore(last.getScore());
    }
    return update.setScore(score).build();
  }

  GetLeadResponse getLead(GetLeadRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    var selector = Requests.selector(request.getModel(), "model", violations);
    LeadValidation.checkLeadId(request.getLeadId(), violations);
    Requests.failOn(violations);
    Resolution resolution = registry.resolve(selector, request.getLeadId());
    Requests.requireLeadModel(resolution.model(), "model");
    LeadState state =
        store
            .get(request.getLeadId())
            .orElseThrow(
                () ->
                    new ScoringException(
                        ScoringErrorCode.LEAD_NOT_FOUND,
                        "lead " + Echoes.of(request.getLeadId()) + ": not found"));
    ScoreResult result =
        metrics.score(
            resolution.model(),
            new ProtoLeadView(state.getLead(), clock.millis()),
            !request.getSkipExplanation());
    GetLeadResponse response =
        GetLeadResponse.newBuilder()
            .setState(state)
            .setScore(ScoreProtos.toProto(result, resolution))
            .build();
    ResponseSizes.check(response.getSerializedSize(), "the answer");
    return response;
  }

  DeleteLeadResponse deleteLead(DeleteLeadRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    LeadValidation.checkLeadId(request.getLeadId(), violations);
    Requests.failOn(violations);
    long erased = store.delete(request.getLeadId(), accounts.deletion(clock.millis()));
    return DeleteLeadResponse.newBuilder()
        .setDeleted(erased >= 0)
        .setTransitionsDeleted(Math.max(erased, 0))
        .build();
  }

  /**
   * The mutation of one input: runs under the store's lock on the lead and prepares the answer
   * there, so that completing the write only has to send it.
   */
  private final class Scoring {
    private final Resolution resolution;
    private final CompiledModel model;
    private final long now;
    private final LeadEventMessage message;
    private @Nullable LeadScoreUpdate prepared;
    private List<AccountOutcome> accountOutcomes = List.of();

    Scoring(Resolution resolution, long now, LeadEventMessage message) {
      this.resolution = resolution;
      this.model = resolution.model();
      this.now = now;
      this.message = message;
    }

    LeadUpdate apply(LeadState current) {
      String leadId = message.getLeadId();
      // Refused before the state is copied: a lead at its limits that keeps sending must cost
      // little.
      if (message.hasEvent()) {
        checkEventTypes(current, message.getEvent().getType());
      } else {
        checkAttributeCount(current, message.getProfile());
      }
      LeadState.Builder next = current.toBuilder();
      Timestamp time = Timestamps.fromMillis(now);
      if (!next.hasCreated()) {
        next.setCreated(time);
      }
      List<Resolution> accountModels = accounts.models(model);
      if (message.hasEvent()) {
        LeadStates.addEvent(next, leadId, message.getEvent(), maxEventsPerLead);
        if (!next.hasFirstEventReceived()) {
          next.setFirstEventReceived(time);
        }
      } else {
        LeadStates.applyProfile(next, leadId, message.getProfile());
        checkAttributes(next.getLead());
        StoredAccounts.validate(accountModels, next.getLead());
      }
      ScoreResult scored =
          metrics.score(model, new ProtoLeadView(next.getLead(), now), message.getExplain());
      accountOutcomes =
          AccountChanges.forUpdate(
              accountModels, leadId, current, next, scored, message.getEvent().getId(), now);
      ModelScore last = current.getScoresOrDefault(model.name(), null);
      prepared = prepare(scored, last);
      next.putScores(
              model.name(),
              ModelScore.newBuilder()
                  .setVersion(model.version())
                  .setScore(scored.score())
                  .setBand(scored.band())
                  .setGrade(scored.grade())
                  .build())
          .setUpdated(time);
      ScoreSnapshots.record(
          next,
          model.name(),
          model.version(),
          resolution.arm(),
          scored.band(),
          scored.score(),
          now,
          snapshotDelayMillis);
      return new LeadUpdate(
          next.build(),
          transition(scored, last),
          accountOutcomes.stream().map(AccountOutcome::change).toList());
    }

    private LeadScoreUpdate prepare(ScoreResult scored, @Nullable ModelScore last) {
      double previousScore = last == null ? 0 : last.getScore();
      LeadScoreUpdate update =
          LeadScoreUpdate.newBuilder()
              .setLeadId(message.getLeadId())
              .setEventId(message.getEvent().getId())
              .setScore(ScoreProtos.toProto(scored, resolution))
              .setPreviousBand(last == null ? "" : last.getBand())
              .setPreviousScore(previousScore)
              .setDelta(Math.round((scored.score() - previousScore) * 100.0) / 100.0)
              .build();
      // Sized here, on the lane: the size is memoized, so the commit thread that sends the answer
      // (the one serial stage of a stream) only copies bytes.
      ResponseSizes.check(update.getSerializedSize(), "the answer");
      return update;
    }

    /** A band change; a new lead entering the lowest band is not one. */
    private Optional<BandTransition> transition(ScoreResult scored, @Nullable ModelScore last) {
      String from = last == null ? "" : last.getBand();
      String unchanged = last == null ? model.document().getBands(0).getName() : from;
      if (scored.band().equals(unchanged)) {
        return Optional.empty();
      }
      return Optional.of(
          BandTransition.newBuilder()
              .setLeadId(message.getLeadId())
              .setModel(
                  ResolvedModel.newBuilder().setName(model.name()).setVersion(model.version()))
              .setFromBand(from)
              .setToBand(scored.band())
              .setPreviousScore(last == null ? 0 : last.getScore())
              .setScore(scored.score())
              .setEventId(message.getEvent().getId())
              .setTime(Timestamps.fromMillis(now))
              .build());
    }

    /** A lead keeps at most so many event types; events of types it has seen always apply. */
    private void checkEventTypes(LeadState current, String type) {
      if (current.getEventTypesCount() >= limits.maxEventTypesPerLead()
          && !current.containsEventTypes(type)) {
        Requests.failOn(
            List.of(
                new FieldViolation(
                    "event.type",
                    Echoes.quoted(type)
                        + " would be event type "
                        + (current.getEventTypesCount() + 1)
                        + " of this lead (expected: at most "
                        + limits.maxEventTypesPerLead()
                        + " distinct event types per lead)")));
      }
    }

    /**
     * A change may not take a lead past its attribute limit; one that shrinks it always applies.
     */
    private void checkAttributeCount(LeadState current, ProfileChange change) {
      Lead lead = current.getLead();
      Set<String> unset =
          change.getUnsetCount() == 0 ? Set.of() : new HashSet<>(change.getUnsetList());
      int count = lead.getAttributesCount();
      for (String name : change.getSetMap().keySet()) {
        if (!unset.contains(name) && !lead.containsAttributes(name)) {
          count++;
        }
      }
      for (String name : unset) {
        if (lead.containsAttributes(name)) {
          count--;
        }
      }
      if (count > limits.maxAttributesPerLead() && count > lead.getAttributesCount()) {
        Requests.failOn(
            List.of(
                new FieldViolation(
                    "profile.set",
                    "the lead would have "
                        + count
                        + " attributes (expected: at most "
                        + limits.maxAttributesPerLead()
                        + "; unset some first)")));
      }
    }

    private void checkAttributes(Lead lead) {
      List<FieldViolation> violations = new ArrayList<>(0);
      LeadValidation.validate(
          Lead.newBuilder().putAllAttributes(lead.getAttributesMap()).build(),
          "lead",
          model.expectedAttributes(),
          violations);
      Requests.failOn(violations);
    }
  }
}
