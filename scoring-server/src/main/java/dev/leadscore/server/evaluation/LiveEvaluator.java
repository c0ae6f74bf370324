package dev.leadscore.server.evaluation;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.core.state.LeadOutcomes;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.ScoreSnapshots;
import dev.leadscore.proto.v1.Band;
import dev.leadscore.proto.v1.EvaluateModelRequest;
import dev.leadscore.proto.v1.EvaluateModelRequest.Basis;
import dev.leadscore.proto.v1.EvaluateModelResponse;
import dev.leadscore.proto.v1.LeadOutcome;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.ScoreSnapshot;
import dev.leadscore.server.internal.Requests;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code EvaluateModel}: one pass over the stored leads, keeping per version/arm group only each
 * lead's kept score, band and outcome ({@link GroupSample}); then the measures per group and the
 * champion/challenger comparison.
 */
final class LiveEvaluator {
  static final int DEFAULT_RESAMPLES = 1000;
  static final int DEFAULT_MIN_OUTCOMES = 20;

  private final ModelRegistry registry;
  private final LeadStore store;
  private final Clock clock;
  private final long snapshotDelayMillis;

  LiveEvaluator(ModelRegistry registry, LeadStore store, Clock clock, long snapshotDelayMillis) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
    this.snapshotDelayMillis = snapshotDelayMillis;
  }

  private record GroupKey(long version, String arm) {}

  EvaluateModelResponse evaluate(EvaluateModelRequest request, BooleanSupplier cancelled) {
    long started = System.nanoTime();
    long now = clock.millis();
    List<FieldViolation> violations = new ArrayList<>(0);
    Window window =
        Window.of(
            request.hasFrom(), request.getFrom(), request.hasTo(), request.getTo(), violations);
    int resamples =
        bounded(request.getResamples(), DEFAULT_RESAMPLES, 100, 10_000, "resamples", violations);
    int minOutcomes =
        bounded(
            request.getMinOutcomes(), DEFAULT_MIN_OUTCOMES, 1, 100_000, "min_outcomes", violations);
    Basis basis =
        request.getBasis() == Basis.BASIS_UNSPECIFIED
            ? Basis.LAST_BEFORE_OUTCOME
            : request.getBasis();
    if (basis == Basis.UNRECOGNIZED) {
      violations.add(
          new FieldViolation(
              "basis", request.getBasisValue() + " (expected: LAST_BEFORE_OUTCOME or AT_DELAY)"));
    }
    Requests.failOn(violations);
    String model = request.getModel().isEmpty() ? registry.defaultModelName() : request.getModel();
    registry.resolve(new ModelSelector(model, 0, ""));

    boolean atDelay = basis == Basis.AT_DELAY;
    Map<GroupKey, GroupSample> groups = new LinkedHashMap<>();
    Map<String, Integer> reasons = new LinkedHashMap<>();
    long[] counts = new long[2];
    long scanned =
        StoredLeads.forEach(
            store,
            cancelled,
            0,
            lead -> {
              if (!window.contains(lead)) {
                return;
              }
              counts[0]++;
              List<ScoreSnapshot> kept =
                  ScoreSnapshots.measured(lead, model, atDelay, now, snapshotDelayMillis);
              if (kept.isEmpty()) {
                return;
              }
              counts[1]++;
              boolean converted = LeadOutcomes.converted(lead);
              int reason = converted ? -1 : disqualification(lead, reasons);
              double value = converted ? value(lead) : 0;
              for (ScoreSnapshot snapshot : kept) {
                groups
                    .computeIfAbsent(
                        new GroupKey(snapshot.getVersion(), snapshot.getArm()),
                        key -> new GroupSample(key.version(), key.arm()))
                    .add(snapshot.getScore(), snapshot.getBand(), converted, reason, value);
              }
            });

    List<String> reasonNames = List.copyOf(reasons.keySet());
    List<GroupSample> ordered = new ArrayList<>(groups.values());
    ordered.sort(Comparator.comparingLong((GroupSample g) -> g.version).thenComparing(g -> g.arm));
    EvaluateModelResponse.Builder response =
        EvaluateModelResponse.newBuilder()
            .setModel(model)
            .setLeadsScanned(scanned)
            .setLeadsInWindow(counts[0])
            .setLeadsMeasured(counts[1])
            .setBasis(basis)
            .setEvaluatedAt(Timestamps.fromMillis(now));
    Map<GroupSample, List<Band>> bands = new LinkedHashMap<>();
    for (GroupSample group : ordered) {
      bands.put(group, bands(model, group));
      response.addGroups(GroupReports.report(group, bands.get(group), minOutcomes, reasonNames));
    }
    GroupSample champion = largest(ordered, "champion");
    GroupSample challenger = largest(ordered, "challenger");
    if (champion != null && challenger != null) {
      response.setComparison(
          ArmComparisons.compare(
              champion,
              requireNonNull(bands.get(champion)),
              challenger,
              requireNonNull(bands.get(challenger)),
              minOutcomes,
              resamples,
              request.getSeed()));
    }
    return response.setElapsedMillis((System.nanoTime() - started) / 1_000_000).build();
  }

  static int bounded(
      int value, int fallback, int min, int max, String field, List<FieldViolation> violations) {
    if (value == 0) {
      return fallback;
    }
    if (value < min || value > max) {
      violations.add(
          new FieldViolation(
              field, value + " (expected: 0 for " + fallback + ", or " + min + " to " + max + ")"));
      return fallback;
    }
    return value;
  }

  /** The reason of the lead's first disqualification, as an index; -1 if it has none. */
  private static int disqualification(LeadState lead, Map<String, Integer> reasons) {
    for (LeadOutcome outcome : lead.getOutcomesList()) {
      if (outcome.getKind() == LeadOutcome.Kind.DISQUALIFIED) {
        return reasons.computeIfAbsent(outcome.getReason(), reason -> reasons.size());
      }
    }
    return -1;
  }

  private static double value(LeadState lead) {
    double value = 0;
    for (LeadOutcome outcome : lead.getOutcomesList()) {
      if (outcome.getKind() == LeadOutcome.Kind.CONVERTED) {
        value += outcome.getValue();
      }
    }
    return value;
  }

  /**
   * The version's bands; for a version no longer served, the bands its scores show, each from the
   * lowest score seen in it.
   */
  private List<Band> bands(String model, GroupSample group) {
    try {
      return registry
          .resolve(new ModelSelector(model, group.version, ""))
          .model()
          .document()
          .getBandsList();
    } catch (ScoringException e) {
      List<Band> seen = new ArrayList<>();
      group
          .bandsSeen()
          .forEach(
              (name, lowest) ->
                  seen.add(Band.newBuilder().setName(name).setMinScore(lowest).build()));
      seen.sort(Comparator.comparingDouble(Band::getMinScore));
      return seen;
    }
  }

  private static @Nullable GroupSample largest(List<GroupSample> groups, String arm) {
    GroupSample largest = null;
    for (GroupSample group : groups) {
      if (group.arm.equals(arm) && (largest == null || group.size() > largest.size())) {
        largest = group;
      }
    }
    return largest;
  }
}
