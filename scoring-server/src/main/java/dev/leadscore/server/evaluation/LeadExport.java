package dev.leadscore.server.evaluation;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.state.LeadOutcomes;
import dev.leadscore.core.state.LeadPage;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.ExportLeadsRequest;
import dev.leadscore.proto.v1.ExportLeadsResponse;
import dev.leadscore.proto.v1.ExportedLead;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadOutcome;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.server.internal.Requests;
import dev.leadscore.server.internal.ScoringStatuses;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ExportLeads}: the labelled history, a store page per message, read from the store only
 * while the client keeps up ({@code isReady}), on the service's executor. A client that stops
 * reading stops the export; nothing is buffered beyond one page.
 */
final class LeadExport {
  static final int DEFAULT_PAGE = 500;
  static final int MAX_PAGE = 1000;

  private final LeadStore store;
  private final Clock clock;

  LeadExport(LeadStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Checks the request.
   *
   * @throws dev.leadscore.core.ScoringException for a bad request
   */
  Settings prepare(ExportLeadsRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    Window window =
        Window.of(
            request.hasFrom(), request.getFrom(), request.hasTo(), request.getTo(), violations);
    int page =
        LiveEvaluator.bounded(
            request.getPageSize(), DEFAULT_PAGE, 1, MAX_PAGE, "page_size", violations);
    Requests.failOn(violations);
    return new Settings(window, request.getWithOutcomeOnly(), page, clock.millis());
  }

  /** A checked request, and the clock of its export. */
  record Settings(Window window, boolean withOutcomeOnly, int pageSize, long now) {}

  /** Starts sending pages as the call becomes ready; returns at once. */
  void start(
      Settings settings,
      ServerCallStreamObserver<ExportLeadsResponse> responses,
      Executor executor) {
    Pump pump = new Pump(settings, responses, executor);
    responses.setOnReadyHandler(pump::schedule);
    pump.schedule();
  }

  /** The lead as {@code leadscore fit} learns from it, as of its first outcome (else now). */
  static ExportedLead exported(LeadState lead, long now) {
    Optional<LeadOutcome> first = LeadOutcomes.first(lead);
    long asOf = first.map(outcome -> Timestamps.toMillis(outcome.getTime())).orElse(now);
    Map<String, Long> counts = new HashMap<>();
    for (LeadEvent event : lead.getLead().getEventsList()) {
      if (Timestamps.toMillis(event.getTime()) <= asOf) {
        counts.merge(event.getType(), 1L, Long::sum);
      }
    }
    ExportedLead.Builder exported =
        ExportedLead.newBuilder()
            .setLeadId(lead.getLead().getId())
            .putAllAttributes(lead.getLead().getAttributesMap())
            .putAllEventCounts(counts)
            .setAsOf(Timestamps.fromMillis(asOf))
            .setConverted(LeadOutcomes.converted(lead));
    first.ifPresent(exported::setFirstOutcome);
    if (lead.hasCreated()) {
      exported.setCreated(lead.getCreated());
    }
    return exported.build();
  }

  /**
   * One export: sends pages while the call is ready. At most one pump runs at a time ({@code
   * scheduled}), so {@code cursor}, {@code done} and the observer are used by one thread at a time.
   */
  private final class Pump {
    private final Settings settings;
    private final ServerCallStreamObserver<ExportLeadsResponse> responses;
    private final Executor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile String cursor = "";
    private volatile boolean done;

    Pump(
        Settings settings,
        ServerCallStreamObserver<ExportLeadsResponse> responses,
        Executor executor) {
      this.settings = settings;
      this.responses = responses;
      this.executor = executor;
    }

    void schedule() {
      if (scheduled.compareAndSet(false, true)) {
        try {
          executor.execute(this::pump);
        } catch (RejectedExecutionException e) {
          done = true;
          responses.onError(EvaluationServiceImpl.busy());
        }
      }
    }

    private void pump() {
      try {
        while (!done && responses.isReady()) {
          if (responses.isCancelled()) {
            done = true;
            return;
          }
          sendPage();
        }
      } catch (RuntimeException e) {
        done = true;
        responses.onError(ScoringStatuses.toStatusException(e));
      } finally {
        scheduled.set(false);
      }
      // Ready again between the last check and clearing the flag: its handler found the flag set.
      if (!done && responses.isReady()) {
        schedule();
      }
    }

    private void sendPage() {
      LeadPage page = store.scan(cursor, settings.pageSize());
      ExportLeadsResponse.Builder message = ExportLeadsResponse.newBuilder();
      for (LeadState lead : page.leads()) {
        if (lead.hasLead()
            && settings.window().contains(lead)
            && (!settings.withOutcomeOnly() || lead.getOutcomesCount() > 0)) {
          message.addLeads(exported(lead, settings.now()));
        }
      }
      if (message.getLeadsCount() > 0) {
        responses.onNext(message.build());
      }
      cursor = page.next();
      if (page.last()) {
        done = true;
        responses.onCompleted();
      }
    }
  }
}
