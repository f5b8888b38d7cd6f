package dev.baton.tms.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.tms.TestDatabase;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.terminal.FleetStructure;
import java.io.IOException;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class EnrolmentTest {

  private static String unique() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
  }

  private static TenantScope tenantWithMerchant(DataSource db, String mid) {
    TenantScope scope = TestDatabase.newTenant(db, "alice");
    FleetStructure fleet = new FleetStructure(new Transactions(db));
    fleet.addModel(scope, "P400", "Verifone", "P400");
    long merchant = fleet.addMerchant(scope, mid, "Corner shop");
    fleet.addSite(scope, merchant, "main", "Main street");
    fleet.addGroup(scope, "north");
    return scope;
  }

  private static long count(DataSource db, String sql, long tenantId) {
    return new Transactions(db).inTransaction(connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setLong(1, tenantId);
        try (ResultSet result = select.executeQuery()) {
          result.next();
          return result.getLong(1);
        }
      }
    });
  }

  @Test
  void refusesAFileMixingGoodAndBadRowsNamingEachBadRowAndEnrollingNothing(DataSource db) throws IOException {
    String u = unique();
    TenantScope scope = tenantWithMerchant(db, "M" + u);
    String csv =
        "serial_number,model,tid,mid,site,group,tags\n"
            + "A" + u + "-1,P400,A" + u + "1,M" + u + ",main,north,mall\n"
            + "A" + u + "-2,P999,A" + u + "2,M" + u + ",,,\n"
            + "A" + u + "-3,P400,A" + u + "3,NOSUCH,,,\n"
            + "A" + u + "-4,P400,A" + u + "4,M" + u + ",back,,\n"
            + "A" + u + "-5,P400,A" + u + "5,M" + u + ",,south,\n"
            + "A" + u + "-6,P400,A" + u + "6,M" + u + ",,,\n";
    ImportReport report = new Enrolment(new Transactions(db)).importCsv(scope, new StringReader(csv), false);

    assertEquals(6, report.rows());
    assertEquals(0, report.enrolled());
    assertEquals(
        List.of(
            new RowProblem(3, "model", "no terminal model 'P999' in this tenant"),
            new RowProblem(4, "mid", "no merchant with MID NOSUCH in this tenant"),
            new RowProblem(5, "site", "merchant M" + u + " has no site 'back'"),
            new RowProblem(6, "group", "no group 'south' in this tenant")),
        report.problems());
    assertEquals(0, count(db, "SELECT count(*) FROM tms_terminal WHERE tenant_id = ?", scope.tenantId()));
  }

  @Test
  void enrolsOnlyTheValidRowsWhenAskedAndIssuesEachACode(DataSource db) throws IOException {
    String u = unique();
    TenantScope scope = tenantWithMerchant(db, "M" + u);
    String csv =
        "serial_number,model,tid,mid,site,group,tags\n"
            + "B" + u + "-1,P400,B" + u + "1,M" + u + ",main,north,mall;24h\n"
            + "B" + u + "-2,P400,B" + u + "2,M" + u + ",,,\n"
            + "B" + u + "-3,P400,B" + u + ",M" + u + ",,,\n";
    ImportReport report = new Enrolment(new Transactions(db)).importCsv(scope, new StringReader(csv), true);

    assertEquals(2, report.enrolled());
    assertEquals(List.of(4), report.problems().stream().map(RowProblem::line).toList());
    assertEquals(2, report.codes().size());
    assertTrue(report.codes().stream().allMatch(c -> c.activationCode().length() == 12));
    assertEquals(2, count(db, "SELECT count(*) FROM tms_terminal WHERE tenant_id = ? AND status = 'REGISTERED'", scope.tenantId()));
    assertEquals(2, count(db, "SELECT count(*) FROM tms_terminal_tag tt JOIN tms_tag g ON g.id = tt.tag_id WHERE g.tenant_id = ?", scope.tenantId()));
    assertEquals(2, count(db, "SELECT count(*) FROM audit_event WHERE action = 'tms.terminal.enrol' AND outcome = 'OK' AND subject LIKE 'tenant ' || ? || ' %'", scope.tenantId()));
  }

  @Test
  void refusesSerialsAndTidsAlreadyEnrolledEvenInAnotherTenantNamingTheRow(DataSource db) throws IOException {
    String u = unique();
    TenantScope first = tenantWithMerchant(db, "M" + u);
    TenantScope second = tenantWithMerchant(db, "M" + u);
    Enrolment enrolment = new Enrolment(new Transactions(db));
    enrolment.enrolOne(first, new EnrolmentRow(1, "C" + u, "P400", "C" + u + "1", "M" + u, "", "", List.of()));

    String csv = "serial_number,model,tid,mid\nC" + u + ",P400,C" + u + "2,M" + u + "\nD" + u + ",P400,C" + u + "1,M" + u + "\n";
    ImportReport report = enrolment.importCsv(second, new StringReader(csv), false);

    assertEquals(
        List.of(
            new RowProblem(2, "serial_number", "serial number C" + u + " is already enrolled"),
            new RowProblem(3, "tid", "TID C" + u + "1 is already enrolled")),
        report.problems());
  }

  @Test
  void refusesASingleEnrolmentNamingTheFieldAtFault(DataSource db) {
    String u = unique();
    TenantScope scope = tenantWithMerchant(db, "M" + u);
    Enrolment enrolment = new Enrolment(new Transactions(db));
    InvalidInput refused =
        assertThrows(InvalidInput.class,
            () -> enrolment.enrolOne(scope, new EnrolmentRow(1, "E" + u, "P400", "E" + u + "1", "M" + u, "", "west", List.of())));
    assertEquals("group", refused.field());
    assertEquals(0, count(db, "SELECT count(*) FROM tms_terminal WHERE tenant_id = ?", scope.tenantId()));
  }

  @Test
  void reportsEveryProblemOfAFormRowFieldByFieldAndEnrolsNothing(DataSource db) {
    String u = unique();
    TenantScope scope = tenantWithMerchant(db, "M" + u);
    Enrolment enrolment = new Enrolment(new Transactions(db));
    enrolment.enrolOne(scope, new EnrolmentRow(1, "F" + u, "P400", "F" + u + "1", "M" + u, "", "", List.of()));

    ImportReport format = enrolment.enrolRow(scope, new EnrolmentRow(1, "bad serial", "P400", "short", "M" + u, "", "", List.of("ok", "no;")));
    assertEquals(List.of("serial_number", "tid", "tags"), format.problems().stream().map(RowProblem::field).toList());
    ImportReport duplicate = enrolment.enrolRow(scope, new EnrolmentRow(1, "F" + u, "P400", "F" + u + "1", "M" + u, "", "", List.of()));
    assertEquals(
        List.of(
            new RowProblem(1, "serial_number", "serial number F" + u + " is already enrolled"),
            new RowProblem(1, "tid", "TID F" + u + "1 is already enrolled")),
        duplicate.problems());
    assertEquals(0, duplicate.enrolled());
    assertEquals(1, count(db, "SELECT count(*) FROM tms_terminal WHERE tenant_id = ?", scope.tenantId()));
  }
}
