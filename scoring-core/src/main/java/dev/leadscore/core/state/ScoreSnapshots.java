package dev.leadscore.core.state;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.ScoreSnapshot;
import dev.leadscore.proto.v1.ScoreSnapshot.Moment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scores a lead keeps for evaluation ({@code LeadState.snapshots}): per model version and
 * experiment arm (a group), the score when the lead first entered each band, the score at a delay
 * after its first event, and the latest. Nothing is kept once the lead has an outcome, so
 * evaluation only ever sees scores given before it.
 *
 * <p>Bounded: at most {@link #MAX_GROUPS_PER_LEAD} groups (the one scored least recently is dropped
 * for a new one) and {@link #MAX_BAND_ENTRIES} band entries per group, so a lead keeps at most 40
 * snapshots however long it lives.
 */
public final class ScoreSnapshots {
  /** Version/arm groups kept per lead. */
  public static final int MAX_GROUPS_PER_LEAD = 4;

  /** Band entries kept per group; models rarely have more than four bands. */
  public static final int MAX_BAND_ENTRIES = 8;

  /** The default delay after a lead's first event at which its score is kept. */
  public static final Duration DEFAULT_DELAY = Duration.ofDays(7);

  private ScoreSnapshots() {}

  /**
   * Records a score the stateful path just gave the lead; call it on the state the score was
   * computed from, after {@code first_event_received} is set for an event. Does nothing once the
   * lead has an outcome.
   *
   * @param arm the experiment arm that chose the version, empty without one
   * @param delayMillis the delay after the lead's first event whose score is kept
   */
  public static void record(
      LeadState.Builder state,
      String model,
      long version,
      String arm,
      String band,
      double score,
      long nowMillis,
      long delayMillis) {
    requireNonNull(model, "model");
    requireNonNull(arm, "arm");
    requireNonNull(band, "band");
    if (state.getOutcomesCount() > 0) {
      return;
    }
    int latest = -1;
    int atDelay = -1;
    int bandEntries = 0;
    boolean entered = false;
    for (int i = 0; i < state.getSnapshotsCount(); i++) {
      ScoreSnapshot snapshot = state.getSnapshots(i);
      if (!inGroup(snapshot, model, version, arm)) {
        continue;
      }
      switch (snapshot.getMoment()) {
        case LATEST -> latest = i;
        case AT_DELAY -> atDelay = i;
        case BAND_ENTRY -> {
          bandEntries++;
          entered |= snapshot.getBand().equals(band);
        }
        case MOMENT_UNSPECIFIED, UNRECOGNIZED -> {}
      }
    }
    if (latest < 0) {
      makeRoom(state);
    }
    Timestamp time = Timestamps.fromMillis(nowMillis);
    ScoreSnapshot.Builder snapshot =
        ScoreSnapshot.newBuilder()
            .setModel(model)
            .setVersion(version)
            .setArm(arm)
            .setBand(band)
            .setScore(score)
            .setTime(time);
    // makeRoom only runs for a new group, whose positions are all -1: the others stay valid.
    upsert(state, snapshot.setMoment(Moment.LATEST).build(), latest < 0 ? -1 : latest);
    if (!entered && bandEntries < MAX_BAND_ENTRIES) {
      state.addSnapshots(snapshot.setMoment(Moment.BAND_ENTRY).build());
    }
    if (state.hasFirstEventReceived()
        && nowMillis < Timestamps.toMillis(state.getFirstEventReceived()) + delayMillis) {
      upsert(state, snapshot.setMoment(Moment.AT_DELAY).build(), atDelay);
    }
  }

  private static void upsert(LeadState.Builder state, ScoreSnapshot snapshot, int index) {
    if (index >= 0) {
      state.setSnapshots(index, snapshot);
    } else {
      state.addSnapshots(snapshot);
    }
  }

  /** Drops the group scored least recently when the lead already keeps the maximum. */
  private static void makeRoom(LeadState.Builder state) {
    int groups = 0;
    ScoreSnapshot oldest = null;
    for (ScoreSnapshot snapshot : state.getSnapshotsList()) {
      if (snapshot.getMoment() == Moment.LATEST) {
        groups++;
        if (oldest == null || Timestamps.compare(snapshot.getTime(), oldest.getTime()) < 0) {
          oldest = snapshot;
        }
      }
    }
    if (groups < MAX_GROUPS_PER_LEAD || oldest == null) {
      return;
    }
    List<ScoreSnapshot> kept = new ArrayList<>(state.getSnapshotsCount());
    for (ScoreSnapshot snapshot : state.getSnapshotsList()) {
      if (!inGroup(snapshot, oldest.getModel(), oldest.getVersion(), oldest.getArm())) {
        kept.add(snapshot);
      }
    }
    state.clearSnapshots().addAllSnapshots(kept);
  }

  /**
   * The score evaluation measures the lead by, per version/arm group of {@code model}: with {@code
   * atDelay}, the score at the delay after its first event (or the last before its first outcome,
   * if that came first; a lead whose delay has not passed and that has no outcome yet has none);
   * otherwise the most recent kept score given before its first outcome (for a lead without one,
   * its latest).
   *
   * @param nowMillis the server's clock, to tell whether the delay has passed
   * @return one snapshot per group, in the order the groups were first kept
   */
  public static List<ScoreSnapshot> measured(
      LeadState state, String model, boolean atDelay, long nowMillis, long delayMillis) {
    long cutoff = LeadOutcomes.cutoffMillis(state);
    boolean delayPassed =
        state.hasFirstEventReceived()
            && nowMillis >= Timestamps.toMillis(state.getFirstEventReceived()) + delayMillis;
    // A lead has at most a few groups: a list searched linearly beats a map keyed by a string
    // built per snapshot (this runs once per stored lead in a full scan).
    List<ScoreSnapshot> chosen = new ArrayList<>(4);
    for (ScoreSnapshot snapshot : state.getSnapshotsList()) {
      if (!snapshot.getModel().equals(model) || Timestamps.toMillis(snapshot.getTime()) > cutoff) {
        continue;
      }
      if (atDelay
          && (snapshot.getMoment() != Moment.AT_DELAY
              || !(delayPassed || cutoff != Long.MAX_VALUE))) {
        continue;
      }
      int group = groupOf(chosen, snapshot);
      if (group < 0) {
        chosen.add(snapshot);
      } else if (atDelay
          || Timestamps.compare(snapshot.getTime(), chosen.get(group).getTime()) >= 0) {
        chosen.set(group, snapshot);
      }
    }
    return chosen;
  }

  private static int groupOf(List<ScoreSnapshot> chosen, ScoreSnapshot snapshot) {
    for (int i = 0; i < chosen.size(); i++) {
      ScoreSnapshot other = chosen.get(i);
      if (other.getVersion() == snapshot.getVersion() && other.getArm().equals(snapshot.getArm())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean inGroup(ScoreSnapshot snapshot, String model, long version, String arm) {
    return snapshot.getVersion() == version
        && snapshot.getModel().equals(model)
        && snapshot.getArm().equals(arm);
  }
}
