package dev.baton.tms.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrolmentFileTest {

  private static EnrolmentFile read(String csv) throws IOException {
    return EnrolmentFile.read(new StringReader(csv));
  }

  @Test
  void readsRowsWithColumnsInAnyOrderAndTagsSplitOnSemicolons() throws IOException {
    EnrolmentFile file = read("tid,serial_number,mid,model,tags\nabcd1234,SN-1,m1,P400,north; mall ;north\n");
    assertEquals(List.of(), file.problems());
    EnrolmentRow row = file.rows().getFirst();
    assertEquals("SN-1", row.serialNumber());
    assertEquals("ABCD1234", row.tid(), "TIDs are upper-cased");
    assertEquals("M1", row.mid());
    assertEquals(List.of("north", "mall"), row.tags());
    assertEquals(2, row.line());
  }

  @Test
  void namesTheLineFieldAndReasonOfEachBadRow() throws IOException {
    EnrolmentFile file =
        read("serial_number,model,tid,mid\nSN-1,P400,TID00001,M1\n,P400,TID00002,M1\nSN-3,P400,12,M1\nSN-4,P400,TID00004\n");
    assertEquals(1, file.rows().size());
    assertEquals(
        List.of(
            new RowProblem(3, "serial_number", "is required"),
            new RowProblem(4, "tid", "'12' is not 8 letters or digits (ISO 8583 field 41)"),
            new RowProblem(5, "row", "has 3 fields, the header has 4")),
        file.problems());
  }

  @Test
  void refusesTheSecondRowOfADuplicateSerialOrTidNamingTheFirst() throws IOException {
    EnrolmentFile file =
        read("serial_number,model,tid,mid\nSN-1,P400,TID00001,M1\nSN-1,P400,TID00002,M1\nSN-3,P400,TID00001,M1\n");
    assertEquals(List.of("SN-1"), file.rows().stream().map(EnrolmentRow::serialNumber).toList());
    assertEquals(
        List.of(
            new RowProblem(3, "serial_number", "serial number SN-1 is also on line 2"),
            new RowProblem(4, "tid", "TID TID00001 is also on line 2")),
        file.problems());
  }

  @Test
  void refusesAHeaderWithoutARequiredColumn() throws IOException {
    EnrolmentFile file = read("serial_number,model,tid\nSN-1,P400,TID00001\n");
    assertEquals(List.of(new RowProblem(1, "header", "column 'mid' is missing")), file.problems());
    assertTrue(file.rows().isEmpty());
  }

  @Test
  void refusesAnUnknownColumnRatherThanIgnoringIt() throws IOException {
    EnrolmentFile file = read("serial_number,model,tid,mid,colour\n");
    assertEquals("header", file.problems().getFirst().field());
    assertTrue(file.problems().getFirst().reason().startsWith("unknown column 'colour'"));
  }

  @Test
  void skipsBlankLinesButCountsLinesAsTheFileHasThem() throws IOException {
    EnrolmentFile file = read("serial_number,model,tid,mid\n\nSN-1,P400,bad,M1\n");
    assertEquals(1, file.dataLines());
    assertEquals(3, file.problems().getFirst().line());
  }
}
