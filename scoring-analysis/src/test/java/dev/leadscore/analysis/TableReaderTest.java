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

  @Test
  void read_quotedCellNeverClosed_namesLineAndColumnInOneLine() throws Exception {
    Path file =
        write("leads.csv", "Source,Notes,Won\nGoogle,ok,1\nDirect,\"call back,0\nWeb,x,1\n");

    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .isInstanceOf(InputException.class)
        .hasMessage(
            file
                + " line 3, column \"Notes\": a quoted cell is not closed (expected: a closing"
                + " quote before the end of the file; a quote inside a quoted cell is written"
                + " twice: \"\")");
  }

  @Test
  void read_textAfterClosingQuote_namesLineAndColumnWithoutLibraryNames() throws Exception {
    Path file =
        write("leads.csv", "Source;Notes;Won\r\nGoogle;ok;1\r\nDirect;\"said \"no\"\";0\r\n");

    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .satisfies(TableReaderTest::oneLineWithoutClassNames)
        .hasMessageStartingWith(file + " line 3, column \"Notes\": text after the closing quote")
        .hasMessageContaining("(expected: ';' or the end of the line");
  }

  @Test
  void read_missingFile_saysSoOnce() {
    Path file = directory.resolve("nothing.csv");

    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .isInstanceOf(InputException.class)
        .hasMessage(file + ": no such file");
  }

  @Test
  void read_directory_isRefused() {
    assertThatThrownBy(() -> TableReader.read(directory, ReadOptions.defaults()))
        .hasMessage(directory + ": a directory (expected: a CSV or JSON-lines file)");
  }

  @Test
  void read_latin1Bytes_namesTheLine() throws Exception {
    Path file = directory.resolve("leads.csv");
    Files.write(file, "City,Won\nMumbai,1\nK\u00f6ln,0\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .hasMessageStartingWith(file + " line 3: not UTF-8 text");
  }

  @Test
  void read_jsonLineCutShort_namesFileLineAndColumnNotGsonsPosition() throws Exception {
    Path file = write("leads.jsonl", "{\"a\": 1, \"b\": 2}\n{\"a\": 3, \"b\": \n");

    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .satisfies(TableReaderTest::oneLineWithoutClassNames)
        .hasMessageStartingWith(file + " line 2, column \"b\": not valid JSON (expected:")
        .message()
        .doesNotContain("column 1", "line 1");
  }

  @Test
  void read_jsonLineThatIsAList_isRefused() throws Exception {
    Path file = write("leads.jsonl", "{\"a\": 1}\n[1, 2]\n");

    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .hasMessageStartingWith(file + " line 2: not a JSON object (expected:");
  }

  @Test
  void read_jsonLineWithANameTwice_namesTheColumn() throws Exception {
    Path file = write("leads.jsonl", "{\"a\": 1, \"a\": 2}\n");

    assertThatThrownBy(() -> TableReader.read(file, ReadOptions.defaults()))
        .hasMessage(file + " line 1, column \"a\": appears twice in the object");
  }

  @Test
  void read_withProgress_reportsEveryCharacterOnceAndFinishes() throws Exception {
    StringBuilder csv = new StringBuilder("id,visits\r\n");
    for (int i = 0; i < 5_000; i++) {
      csv.append("lead-").append(i).append(',').append(i % 17).append("\r\n");
    }
    Path file = write("big.csv", csv.toString());
    FakeProgress progress = new FakeProgress();

    Table table = TableReader.read(file, ReadOptions.defaults(), progress);

    assertThat(table.size()).isEqualTo(5_000);
    assertThat(progress.tasks)
        .containsExactly(
            new FakeProgress.Task("reading big.csv", csv.length(), csv.length(), true));
  }

  private static void oneLineWithoutClassNames(Throwable e) {
    assertThat(e).isInstanceOf(InputException.class);
    assertThat(e.getMessage()).doesNotContain("\n", "Exception", "org.", "java.", "com.google");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
  }
}
