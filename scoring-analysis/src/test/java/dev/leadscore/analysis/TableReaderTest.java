package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
  @TempDir Path directory;

  @Test
  void read_quotedCellsWithDelimitersQuotesAndLineBreaks_keepsThemWhole() throws Exception {
    Path file =
        write(
            "leads.csv",
            "Lead Source,Notes,Converted\r\n"
                + "\"Google, paid\",\"said \"\"call me\"\"\",1\r\n"
                + "Direct,\"two\r\nlines\",0\r\n");

    Table table = TableReader.read(file, ReadOptions.defaults());

    assertThat(table.columns()).containsExactly("Lead Source", "Notes", "Converted");
    assertThat(table.cell(0, 0)).isEqualTo("Google, paid");
    assertThat(table.cell(0, 1)).isEqualTo("said \"call me\"");
    assertThat(table.cell(1, 1)).isEqualTo("two\r\nlines");
  }

  @Test
  void read_crlfWithMultilineCell_numbersRowsByTheirFirstLine() throws Exception {
    Path file = write("leads.csv", "a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n");

    Table table = TableReader.read(file, ReadOptions.defaults());

    assertThat(table.size()).isEqualTo(2);
    assertThat(table.line(0)).isEqualTo(2);
    assertThat(table.line(1)).isEqualTo(4);
  }

  @Test
  void read_emptyCellsAndPlaceholders_areMissing() throws Exception {
    Path file = write("leads.csv", "City,Visits\nSelect,\n  ,3\nMumbai,Select\n");

    Table table = TableReader.read(file, new ReadOptions(null, Set.of("Select")));

    assertThat(table.cell(0, 0)).isNull();
    assertThat(table.cell(0, 1)).isNull();
    assertThat(table.cell(1, 0)).isNull();
    assertThat(table.cell(1, 1)).isEqualTo("3");
    assertThat(table.cell(2, 0)).isEqualTo("Mumbai");
    assertThat(table.cell(2, 1)).isNull();
  }

  @Test
  void read_withoutPlaceholders_keepsSelectAsAValue() throws Exception {
    Path file = write("leads.csv", "City\nSelect\n");

    assertThat(TableReader.read(file, ReadOptions.defaults()).cell(0, 0)).isEqualTo("Select");
  }

  @Test
  void read_semicolonsAndCommasInCells_detectsTheSemicolon() throws Exception {
    Path file = write("leads.csv", "Company;Revenue;Won\nAcme, Inc.;1,5;yes\n");

    Table table = TableReader.read(file, ReadOptions.defaults());

    assertThat(table.columns()).containsExactly("Company", "Revenue", "Won");
    assertThat(table.cell(0, 0)).isEqualTo("Acme, Inc.");
    assertThat(table.cell(0, 1)).isEqualTo("1,5");
  }

  @Test
  void read_givenTabDelimiter_splitsOnTabsOnly() throws Exception {
    Path file = write("leads.tsv", "a,b\tc\n1,2\t3\n");

    Table table = TableReader.read(file, new ReadOptions('\t', Set.of()));

    assertThat(table.columns()).containsExactly("a,b", "c");
    assertThat(table.cell(0, 0)).isEqualTo("1,2");
  }

  @Test
  void read_byteOrderMark_isNotPartOfTheFirstColumnName() throws Exception {
    Path file = write("leads.csv", "\uFEFFLead Origin,Converted\nAPI,1\n");

    assertThat(TableReader.read(file, ReadOptions.defaults()).columns())
        .containsExactly("Lead Origin", "Converted");
  }

  @Test
  void read_rowWithTooFewCells_namesFileAndLine() throws Exception {
    Path file = write("leads.csv", "a,b,c\n1,2,3\n4,5\n");

    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("leads.csv line 3: 2 cells (expected: 3, as in the header");
  }

  @Test
  void read_jsonLines_readsFlatObjectsWithNumbersBooleansAndNulls() throws Exception {
    Path file =
        write(
            "leads.jsonl",
            "{\"Lead Origin\": \"API\", \"visits\": 3, \"converted\": true}\n\n"
                + "{\"Lead Origin\": null, \"visits\": 2.5, \"converted\": false, \"extra\": \"x\"}\n");

    Table table = TableReader.read(file, ReadOptions.defaults());

    assertThat(table.columns()).containsExactly("Lead Origin", "visits", "converted", "extra");
    assertThat(table.cell(0, 1)).isEqualTo("3");
    assertThat(table.cell(0, 2)).isEqualTo("true");
    assertThat(table.cell(0, 3)).isNull();
    assertThat(table.cell(1, 0)).isNull();
    assertThat(table.cell(1, 1)).isEqualTo("2.5");
    assertThat(table.line(1)).isEqualTo(3);
  }

  @Test
  void read_jsonLinesWithNestedObject_namesLineAndColumn() throws Exception {
    Path file = write("leads.jsonl", "{\"a\": 1}\n{\"a\": {\"b\": 2}}\n");

    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("leads.jsonl line 2, column \"a\": an object or list");
  }

  @Test
  void read_duplicateHeader_isRefused() throws Exception {
    Path file = write("leads.csv", "a,b,a\n1,2,3\n");

    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("column \"a\" appears twice");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
  }
}
