package dev.baton.console.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void plainFieldsAreWrittenAsTheyAreAndNullsAsEmpty() {
    assertEquals("1,operator,session.disable,,OK\r\n", Csv.line(Arrays.asList(1, "operator", "session.disable", null, "OK")));
  }

  @Test
  void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithTheirQuotesDoubled() {
    assertEquals("\"a,b\"", Csv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
    assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
  }

  @Test
  void aFieldASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
    assertEquals("'=SUM(A1:A9)", Csv.field("=SUM(A1:A9)"));
    assertEquals("'@cmd", Csv.field("@cmd"));
  }
}
