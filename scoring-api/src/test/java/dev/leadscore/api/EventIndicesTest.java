package dev.leadscore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EventIndicesTest {

  /** Events of the given types, one a day; no attributes. Uses the default eventsOfType. */
  private record TypesOnlyLead(List<String> types) implements LeadView {
    @Override
    public String id() {
      return "";
    }

    @Override
    public long asOfMillis() {
      return 0;
    }

    @Override
    public AttributeType attributeType(String name) {
      return AttributeType.MISSING;
    }

    @Override
    public @Nullable String stringAttribute(String name) {
      return null;
    }

    @Override
    public double numberAttribute(String name) {
      return Double.NaN;
    }

    @Override
    public @Nullable Boolean booleanAttribute(String name) {
      return null;
    }

    @Override
    public int eventCount() {
      return types.size();
    }

    @Override
    public String eventType(int index) {
      return types.get(index);
    }

    @Override
    public long eventTimeMillis(int index) {
      return index * 86_400_000L;
    }

    @Override
    public @Nullable String eventStringProperty(int index, String name) {
      return null;
    }
  }

  @Test
  void eventsOfType_default_givesIndicesOfThatTypeAscending() {
    LeadView lead = new TypesOnlyLead(List.of("open", "click", "open", "view", "open"));

    assertThat(lead.eventsOfType("open")).isEqualTo(EventIndices.of(0, 2, 4));
    assertThat(lead.eventsOfType("click")).isEqualTo(EventIndices.of(1));
    assertThat(lead.eventsOfType("purchase")).isSameAs(EventIndices.none());
  }

  @Test
  void of_rangeOfArray_copiesThatRange() {
    int[] array = {9, 1, 3, 7, 0};

    EventIndices indices = EventIndices.of(array, 1, 4);
    array[2] = 100;

    assertThat(indices.size()).isEqualTo(3);
    assertThat(List.of(indices.get(0), indices.get(1), indices.get(2))).containsExactly(1, 3, 7);
  }

  @Test
  void of_notAscending_throwsNamingIndices() {
    assertThatThrownBy(() -> EventIndices.of(2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("indices: [2, 2] (expected: ascending, each >= 0)");
    assertThatThrownBy(() -> EventIndices.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_nothing_isNone() {
    assertThat(EventIndices.of()).isSameAs(EventIndices.none());
    assertThat(EventIndices.none().size()).isZero();
  }
}
