package dev.leadscore.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.LeadOutcome;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.ScoreSnapshot;
import dev.leadscore.proto.v1.ScoreSnapshot.Moment;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreSnapshotsTest {
  private static final long DAY = 24 * 3600 * 1000L;
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void record_scoresOverTime_keepsFirstEntryPerBandScoreAtDelayAndLatest() {
    LeadState.Builder state =
        LeadState.newBuilder().setFirstEventReceived(Timestamps.fromMillis(T0));

    record(state, 1, "", "cold", 10, T0);
    record(state, 1, "", "warm", 30, T0 + DAY);
    record(state, 1, "", "warm", 40, T0 + 2 * DAY);
    record(state, 1, "", "hot", 85, T0 + 8 * DAY);
    record(state, 1, "", "warm", 60, T0 + 9 * DAY);

    assertThat(state.getSnapshotsList())
        .extracting(ScoreSnapshot::getMoment, ScoreSnapshot::getBand, ScoreSnapshot::getScore)
        .containsExactlyInAnyOrder(
            tuple(Moment.BAND_ENTRY, "cold", 10.0),
            tuple(Moment.BAND_ENTRY, "warm", 30.0),
            tuple(Moment.BAND_ENTRY, "hot", 85.0),
            tuple(Moment.AT_DELAY, "warm", 40.0),
            tuple(Moment.LATEST, "warm", 60.0));
  }

  @Test
  void record_afterAnOutcome_keepsNothingNew() {
    LeadState.Builder state = LeadState.newBuilder();
    record(state, 1, "", "warm", 30, T0);
    LeadOutcomes.add(state, outcome("o1", T0 + 1), T0 + 2);

    record(state, 1, "", "hot", 90, T0 + 3);

    assertThat(state.getSnapshotsList()).extracting(ScoreSnapshot::getBand).containsOnly("warm");
  }

  @Test
  void record_versionsAndArms_keptApartAndBoundedToFourGroups() {
    LeadState.Builder state = LeadState.newBuilder();
    for (int version = 1; version <= 6; version++) {
      record(
          state,
          version,
          version % 2 == 0 ? "challenger" : "champion",
          "cold",
          version,
          T0 + version);
    }

    assertThat(
            state.getSnapshotsList().stream()
                .map(s -> s.getVersion() + "/" + s.getArm())
                .distinct())
        .containsExactly("3/champion", "4/challenger", "5/champion", "6/challenger");
    assertThat(state.getSnapshotsCount()).isEqualTo(8);
  }

  @Test
  void record_manyBands_bandEntriesBounded() {
    LeadState.Builder state = LeadState.newBuilder();
    for (int band = 0; band < 20; band++) {
      record(state, 1, "", "b" + band, band, T0 + band);
    }

    assertThat(state.getSnapshotsList())
        .filteredOn(s -> s.getMoment() == Moment.BAND_ENTRY)
        .hasSize(ScoreSnapshots.MAX_BAND_ENTRIES);
  }

  @Test
  void measured_outcomeTimeBeforeSomeScores_usesTheLastScoreBeforeTheOutcome() {
    LeadState.Builder state = LeadState.newBuilder();
    record(state, 1, "", "warm", 30, T0);
    record(state, 1, "", "hot", 85, T0 + 10 * DAY);
    // Sales closed it on day 5 and told the CRM on day 12: scores after day 5 are not evidence.
    LeadOutcomes.add(state, outcome("o1", T0 + 5 * DAY), T0 + 12 * DAY);

    List<ScoreSnapshot> measured =
        ScoreSnapshots.measured(state.build(), "m", false, T0 + 20 * DAY, 7 * DAY);

    assertThat(measured).extracting(ScoreSnapshot::getScore).containsExactly(30.0);
  }

  @Test
  void measured_atDelay_onlyOnceTheDelayPassedOrAnOutcomeCame() {
    LeadState.Builder open =
        LeadState.newBuilder().setFirstEventReceived(Timestamps.fromMillis(T0));
    record(open, 1, "", "warm", 30, T0);
    LeadState.Builder closed = open.clone();
    LeadOutcomes.add(closed, outcome("o1", T0 + DAY), T0 + DAY);

    assertThat(ScoreSnapshots.measured(open.build(), "m", true, T0 + 3 * DAY, 7 * DAY)).isEmpty();
    assertThat(ScoreSnapshots.measured(open.build(), "m", true, T0 + 8 * DAY, 7 * DAY))
        .extracting(ScoreSnapshot::getScore)
        .containsExactly(30.0);
    assertThat(ScoreSnapshots.measured(closed.build(), "m", true, T0 + 3 * DAY, 7 * DAY))
        .extracting(ScoreSnapshot::getScore)
        .containsExactly(30.0);
  }

  @Test
  void measured_otherModel_nothing() {
    LeadState.Builder state = LeadState.newBuilder();
    record(state, 1, "", "warm", 30, T0);

    assertThat(ScoreSnapshots.measured(state.build(), "other", false, T0, DAY)).isEmpty();
  }

  private static void record(
      LeadState.Builder state, long version, String arm, String band, double score, long now) {
    ScoreSnapshots.record(state, "m", version, arm, band, score, now, 7 * DAY);
  }

  private static LeadOutcome outcome(String id, long time) {
    return LeadOutcome.newBuilder()
        .setId(id)
        .setKind(LeadOutcome.Kind.CONVERTED)
        .setTime(Timestamps.fromMillis(time))
        .build();
  }
}
