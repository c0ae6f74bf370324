package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsAndColumnTypesTest {
  private static Table table(String csv) {
    return TableReader.parse(csv, "leads.csv", ReadOptions.defaults());
  }

  @Test
  void read_yesNoTrueFalseAndOneZero_inAnyCase() {
    Table table = table("Won\nYes\nno\nTRUE\nfalse\n1\n0\n1.0\n");

    assertThat(Labels.read(table, "Won"))
        .containsExactly(true, false, true, false, true, false, true);
  }

  @Test
  void read_unknownLabelValue_namesFileLineAndColumn() {
    Table table = table("id,Won\na,yes\nb,maybe\n");

    assertThatThrownBy(() -> Labels.read(table, "Won"))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "leads.csv line 3, column \"Won\": \"maybe\" (expected: 1/0, yes/no or true/false)");
  }

  @Test
  void read_missingLabel_namesTheCell() {
    Table table = table("id,Won\na,yes\nb,\n");

    assertThatThrownBy(() -> Labels.read(table, "Won"))
        .hasMessageContaining("line 3, column \"Won\": missing");
  }

  @Test
  void read_unknownLabelColumn_listsTheColumns() {
    assertThatThrownBy(() -> Labels.read(table("id,Won\na,1\n"), "Converted"))
        .hasMessageContaining("no column \"Converted\" for the label (expected one of: id, Won)");
  }

  @Test
  void read_mistypedLabelColumn_suggestsTheNearestColumn() {
    Table table = table("Prospect ID,Lead Source,Converted\na,Google,1\n");

    assertThatThrownBy(() -> Labels.read(table, "convertd"))
        .hasMessageStartingWith(
            "leads.csv: no column \"convertd\" for the label: did you mean \"Converted\"?"
                + " (expected one of: Prospect ID, Lead Source, Converted)");
  }

  @Test
  void read_labelColumnLikeNoOther_suggestsNothing() {
    Table table = table("Prospect ID,Lead Source,Converted\na,Google,1\n");

    assertThatThrownBy(() -> Labels.read(table, "Outcome"))
        .message()
        .endsWith("(expected one of: Prospect ID, Lead Source, Converted)");
  }

  @Test
  void distance_handComputedPairs() {
    assertThat(ColumnNames.distance("kitten", "sitting", 10)).isEqualTo(3);
    assertThat(ColumnNames.distance("", "abc", 10)).isEqualTo(3);
    assertThat(ColumnNames.distance("flaw", "lawn", 10)).isEqualTo(2);
    assertThat(ColumnNames.distance("same", "same", 0)).isZero();
    assertThat(ColumnNames.distance("abcdef", "ghijkl", 2)).isEqualTo(3);
  }

  @Test
  void nearest_caseAndSpacing_countNothing() {
    assertThat(ColumnNames.nearest(" lead source ", List.of("Lead Origin", "Lead Source")))
        .contains("Lead Source");
  }

  @Test
  void detect_overrideForAnUnknownColumn_suggestsTheNearest() {
    Table table = table("Total Visits,Plan\n3,pro\n");

    assertThatThrownBy(
            () ->
                ColumnTypes.detect(
                    table, List.of("Plan"), Map.of("Totl Visits", ColumnType.NUMERIC)))
        .hasMessageContaining(
            "no column \"Totl Visits\" for the column type: did you mean \"Total Visits\"?");
  }

  @Test
  void read_oneOutcomeOnly_isRefused() {
    assertThatThrownBy(() -> Labels.read(table("Won\n1\n1\n"), "Won"))
        .hasMessageContaining("holds one outcome only");
  }

  @Test
  void detect_numbersAndMissing_numericOtherwiseCategorical() {
    Table table = table("visits,plan,code\n3,pro,1\n,free,2\n2.5,pro,x\n");

    Map<String, ColumnType> types =
        ColumnTypes.detect(table, List.of("visits", "plan", "code"), Map.of());

    assertThat(types)
        .containsExactly(
            Map.entry("visits", ColumnType.NUMERIC),
            Map.entry("plan", ColumnType.CATEGORICAL),
            Map.entry("code", ColumnType.CATEGORICAL));
  }

  @Test
  void detect_overrideToCategorical_winsOverNumbers() {
    Table table = table("zip\n10115\n80331\n");

    assertThat(ColumnTypes.detect(table, List.of("zip"), Map.of("zip", ColumnType.CATEGORICAL)))
        .containsEntry("zip", ColumnType.CATEGORICAL);
  }

  @Test
  void detect_overrideToNumericWithText_namesTheCell() {
    Table table = table("size\n10\nlarge\n");

    assertThatThrownBy(
            () -> ColumnTypes.detect(table, List.of("size"), Map.of("size", ColumnType.NUMERIC)))
        .hasMessage("leads.csv line 3, column \"size\": \"large\" (expected: a number)");
  }

  @Test
  void lead_columnNamesWithSpaces_becomeAttributesAsTheyAre() {
    Table table = table("Lead Origin,Total Visits\nAPI,3\n");

    var lead =
        new LeadRows(
                table,
                Map.of("Lead Origin", ColumnType.CATEGORICAL, "Total Visits", ColumnType.NUMERIC),
                null)
            .lead(0);

    assertThat(lead.getAttributesOrThrow("Lead Origin").getStringValue()).isEqualTo("API");
    assertThat(lead.getAttributesOrThrow("Total Visits").getNumberValue()).isEqualTo(3.0);
    assertThat(lead.getId()).isEqualTo("row-2");
  }
}
