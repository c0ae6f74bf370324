package dev.leadscore.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.LeadOutcome;
import dev.leadscore.proto.v1.LeadState;
import org.junit.jupiter.api.Test;

class LeadOutcomesTest {
  @Test
  void add_beyondBound_oldestDroppedAndRecordedTimeSet() {
    LeadState.Builder state = LeadState.newBuilder();
    for (int i = 0; i < LeadOutcomes.MAX_OUTCOMES_PER_LEAD + 3; i++) {
      LeadOutcomes.add(state, outcome("o" + i, LeadOutcome.Kind.DISQUALIFIED, 1000 + i), 5000);
    }

    assertThat(state.getOutcomesCount()).isEqualTo(LeadOutcomes.MAX_OUTCOMES_PER_LEAD);
    assertThat(state.getOutcomes(0).getId()).isEqualTo("o3");
    assertThat(state.getOutcomes(0).getRecorded()).isEqualTo(Timestamps.fromMillis(5000));
    assertThat(LeadOutcomes.find(state.build(), "o2")).isEmpty();
    assertThat(LeadOutcomes.find(state.build(), "o5")).isPresent();
  }

  @Test
  void readers_disqualifiedThenConverted_convertedFirstAndCutoffAtTheEarlierMoment() {
    LeadState.Builder state = LeadState.newBuilder();
    LeadOutcomes.add(state, outcome("later", LeadOutcome.Kind.CONVERTED, 9_000), 9_500);
    LeadOutcomes.add(state, outcome("earlier", LeadOutcome.Kind.DISQUALIFIED, 4_000), 10_000);

    assertThat(LeadOutcomes.converted(state.build())).isTrue();
    assertThat(LeadOutcomes.first(state.build()).orElseThrow().getId()).isEqualTo("earlier");
    assertThat(LeadOutcomes.cutoffMillis(state.build())).isEqualTo(4_000);
    assertThat(LeadOutcomes.cutoffMillis(LeadState.getDefaultInstance())).isEqualTo(Long.MAX_VALUE);
  }

  private static LeadOutcome outcome(String id, LeadOutcome.Kind kind, long time) {
    return LeadOutcome.newBuilder()
        .setId(id)
        .setKind(kind)
        .setTime(Timestamps.fromMillis(time))
        .build();
  }
}
