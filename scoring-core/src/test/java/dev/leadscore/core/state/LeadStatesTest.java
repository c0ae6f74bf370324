package dev.leadscore.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadState;
import dev.leadscore.proto.v1.ProfileChange;
import org.junit.jupiter.api.Test;

class LeadStatesTest {

  @Test
  void withEvent_outOfOrderEvents_keptInTimeOrder() {
    LeadState state = LeadState.getDefaultInstance();
    state = LeadStates.withEvent(state, "lead-1", event("a", "page_view", 3_000), 10);
    state = LeadStates.withEvent(state, "lead-1", event("b", "page_view", 1_000), 10);
    state = LeadStates.withEvent(state, "lead-1", event("c", "email_open", 2_000), 10);

    assertThat(state.getLead().getId()).isEqualTo("lead-1");
    assertThat(state.getLead().getEventsList())
        .extracting(LeadEvent::getId)
        .containsExactly("b", "c", "a");
    assertThat(state.getChanges()).isEqualTo(3);
  }

  @Test
  void withEvent_beyondLimit_dropsOldestByTimeButCountsEveryEvent() {
    LeadState state = LeadState.getDefaultInstance();
    for (int i = 0; i < 5; i++) {
      state = LeadStates.withEvent(state, "lead-1", event("e" + i, "page_view", 10_000 - i), 3);
    }

    assertThat(state.getLead().getEventsList())
        .extracting(LeadEvent::getId)
        .containsExactly("e2", "e1", "e0");
    assertThat(state.getEventTypesOrThrow("page_view").getCount()).isEqualTo(5);
    assertThat(Timestamps.toMillis(state.getEventTypesOrThrow("page_view").getFirst()))
        .isEqualTo(9_996);
    assertThat(Timestamps.toMillis(state.getEventTypesOrThrow("page_view").getLast()))
        .isEqualTo(10_000);
  }

  @Test
  void withProfile_setAndUnset_appliesBothUnsetWinning() {
    LeadState state =
        LeadStates.withProfile(
            LeadState.getDefaultInstance(),
            "lead-1",
            ProfileChange.newBuilder()
                .putSet("job_title", string("VP"))
                .putSet("country", string("US"))
                .build());

    state =
        LeadStates.withProfile(
            state,
            "lead-1",
            ProfileChange.newBuilder()
                .putSet("country", string("DE"))
                .addUnset("country")
                .addUnset("not_there")
                .build());

    assertThat(state.getLead().getAttributesMap()).containsOnlyKeys("job_title");
    assertThat(state.getChanges()).isEqualTo(2);
  }

  private static LeadEvent event(String id, String type, long millis) {
    return LeadEvent.newBuilder()
        .setId(id)
        .setType(type)
        .setTime(Timestamps.fromMillis(millis))
        .build();
  }

  private static Value string(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }
}
