package dev.baton.tms.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLinesTest {

  @Test
  void splitsPlainFieldsAndTrimsBlanks() {
    assertEquals(List.of("a", "b", "c"), CsvLines.split("a, b ,c"));
  }

  @Test
  void keepsCommasAndDoubledQuotesInsideQuotes() {
    assertEquals(List.of("x,y", "say \"hi\"", ""), CsvLines.split("\"x,y\",\"say \"\"hi\"\"\","));
  }

  @Test
  void keepsEmptyFieldsBetweenAndAfterCommas() {
    assertEquals(List.of("a", "", "b", ""), CsvLines.split("a,,b,"));
  }

  @Test
  void refusesAnUnclosedQuote() {
    var refused = assertThrows(IllegalArgumentException.class, () -> CsvLines.split("a,\"b"));
    assertEquals("a quoted field is not closed", refused.getMessage());
  }

  @Test
  void refusesTextAfterAClosingQuote() {
    assertThrows(IllegalArgumentException.class, () -> CsvLines.split("\"a\"b,c"));
  }
}
