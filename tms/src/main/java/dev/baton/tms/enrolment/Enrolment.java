package dev.baton.tms.enrolment;

import dev.baton.tms.credential.Secrets;
import dev.baton.tms.db.AuditLog;
import dev.baton.tms.db.DatabaseException;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import java.io.IOException;
import java.io.Reader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enrols terminals, one from a form or many from a CSV file, into the caller's tenant.
 *
 * <p>Every row is checked (formats, model, merchant, site and group of this tenant, serial
 * numbers and TIDs unique in the file and in the database) before anything is written. A file
 * with a bad row is refused as a whole, unless the operator asked to enrol the valid rows. The
 * accepted rows go in with a few set-based statements (arrays unnested by PostgreSQL), so a file
 * of 100,000 terminals is a matter of seconds, in one transaction with its audit lines.
 */
public final class Enrolment {

  static final Duration CODE_VALIDITY = Duration.ofDays(30);

  private final Transactions transactions;

  public Enrolment(Transactions transactions) {
    this.transactions = transactions;
  }

  /** Enrols the terminals of a CSV file (see {@link EnrolmentFile} for its columns). */
  public ImportReport importCsv(TenantScope scope, Reader csv, boolean enrolValidRows) throws IOException {
    return enrol(scope, EnrolmentFile.read(csv), enrolValidRows);
  }

  /**
   * Enrols one terminal.
   *
   * @throws InvalidInput naming the first field at fault, nothing enrolled
   */
  public ImportReport.IssuedCode enrolOne(TenantScope scope, EnrolmentRow row) {
    ImportReport report = enrolRow(scope, row);
    if (!report.complete()) {
      RowProblem first = report.problems().getFirst();
      throw new InvalidInput(first.field(), first.reason());
    }
    return report.codes().getFirst();
  }

  /**
   * Enrols one terminal, or reports every problem of the row, field by field (the portal's form
   * shows each beside its input); nothing is enrolled then.
   */
  public ImportReport enrolRow(TenantScope scope, EnrolmentRow row) {
    return enrol(scope, EnrolmentFile.of(row), false);
  }

  private ImportReport enrol(TenantScope scope, EnrolmentFile file, boolean enrolValidRows) {
    try {
      return transactions.inTransaction(connection -> enrol(connection, scope, file, enrolValidRows));
    } catch (DatabaseException e) {
      if ("23505".equals(e.sqlState())) {
        throw new InvalidInput(
            "file", "a serial number or TID of these rows was enrolled by someone else meanwhile; nothing was enrolled, send the file again");
      }
      throw e;
    }
  }

  private ImportReport enrol(Connection connection, TenantScope scope, EnrolmentFile file, boolean enrolValidRows)
      throws SQLException {
    List<RowProblem> problems = new ArrayList<>(file.problems());
    References references = References.load(connection, scope.tenantId(), file.rows());
    List<EnrolmentRow> accepted = new ArrayList<>(file.rows().size());
    for (EnrolmentRow row : file.rows()) {
      int before = problems.size();
      references.check(row, problems);
      if (problems.size() == before) {
        accepted.add(row);
      }
    }
    accepted = withoutEnrolled(connection, accepted, problems);
    problems.sort(Comparator.comparingInt(RowProblem::line));
    if (!problems.isEmpty() && (!enrolValidRows || file.dataLines() == 0)) {
      AuditLog.refused(
          connection, scope, "tms.terminal.enrol", file.dataLines() + " row(s)",
          problems.size() + " problem(s), first: " + problems.getFirst());
      return new ImportReport(file.dataLines(), 0, problems, List.of());
    }
    List<ImportReport.IssuedCode> codes = insert(connection, scope, references, accepted);
    return new ImportReport(file.dataLines(), codes.size(), problems, codes);
  }

  private static List<EnrolmentRow> withoutEnrolled(Connection connection, List<EnrolmentRow> rows, List<RowProblem> problems)
      throws SQLException {
    Set<String> serials = existing(connection, "serial_number", rows.stream().map(EnrolmentRow::serialNumber).toArray(String[]::new));
    Set<String> tids = existing(connection, "tid", rows.stream().map(EnrolmentRow::tid).toArray(String[]::new));
    if (serials.isEmpty() && tids.isEmpty()) {
      return rows;
    }
    List<EnrolmentRow> kept = new ArrayList<>(rows.size());
    for (EnrolmentRow row : rows) {
      boolean ok = true;
      if (serials.contains(row.serialNumber())) {
        problems.add(new RowProblem(row.line(), "serial_number", "serial number " + row.serialNumber() + " is already enrolled"));
        ok = false;
      }
      if (tids.contains(row.tid())) {
        problems.add(new RowProblem(row.line(), "tid", "TID " + row.tid() + " is already enrolled"));
        ok = false;
      }
      if (ok) {
        kept.add(row);
      }
    }
    return kept;
  }

  // Across tenants on purpose: serial numbers and TIDs are unique in the whole system.
  private static Set<String> existing(Connection connection, String column, String[] values) throws SQLException {
    Set<String> found = new HashSet<>();
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + column + " FROM tms_terminal WHERE " + column + " = ANY (?)")) {
      select.setArray(1, connection.createArrayOf("varchar", values));
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          found.add(result.getString(1));
        }
      }
    }
    return found;
  }

  private static List<ImportReport.IssuedCode> insert(
      Connection connection, TenantScope scope, References references, List<EnrolmentRow> rows) throws SQLException {
    int n = rows.size();
    String[] serials = new String[n];
    Long[] models = new Long[n];
    String[] tids = new String[n];
    Long[] merchants = new Long[n];
    Long[] sites = new Long[n];
    Long[] groups = new Long[n];
    for (int i = 0; i < n; i++) {
      EnrolmentRow row = rows.get(i);
      serials[i] = row.serialNumber();
      models[i] = references.model(row);
      tids[i] = row.tid();
      merchants[i] = references.merchant(row);
      sites[i] = references.site(row);
      groups[i] = references.group(row);
    }
    String[] codes = new String[n];
    String[] codeHashes = new String[n];
    for (int i = 0; i < n; i++) {
      codes[i] = Secrets.activationCode();
      codeHashes[i] = Secrets.sha256Hex(codes[i]);
    }
    // The terminals and their activation codes in one statement: one pass over the rows.
    Map<String, Long> ids = new HashMap<>(n * 2);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "WITH r AS (SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[]) "
                + "AS r (s, m, t, me, si, g, h)), "
                + "enrolled AS (INSERT INTO tms_terminal (tenant_id, serial_number, model_id, tid, merchant_id, site_id, group_id) "
                + "SELECT ?, s, m, t, me, si, g FROM r RETURNING id, serial_number), "
                + "issued AS (INSERT INTO tms_activation_code (terminal_id, code_hash, expires_at) "
                + "SELECT e.id, r.h, now() + ?::interval FROM enrolled e JOIN r ON r.s = e.serial_number) "
                + "SELECT id, serial_number FROM enrolled")) {
      insert.setArray(1, connection.createArrayOf("varchar", serials));
      insert.setArray(2, connection.createArrayOf("bigint", models));
      insert.setArray(3, connection.createArrayOf("varchar", tids));
      insert.setArray(4, connection.createArrayOf("bigint", merchants));
      insert.setArray(5, connection.createArrayOf("bigint", sites));
      insert.setArray(6, connection.createArrayOf("bigint", groups));
      insert.setArray(7, connection.createArrayOf("text", codeHashes));
      insert.setLong(8, scope.tenantId());
      insert.setString(9, CODE_VALIDITY.toSeconds() + " seconds");
      try (ResultSet result = insert.executeQuery()) {
        while (result.next()) {
          ids.put(result.getString(2), result.getLong(1));
        }
      }
    }
    Long[] terminalIds = new Long[n];
    List<ImportReport.IssuedCode> issued = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      EnrolmentRow row = rows.get(i);
      terminalIds[i] = ids.get(row.serialNumber());
      issued.add(new ImportReport.IssuedCode(terminalIds[i], row.serialNumber(), row.tid(), codes[i]));
    }
    Array terminalArray = connection.createArrayOf("bigint", terminalIds);
    references.tag(connection, scope.tenantId(), rows, terminalIds);
    try (PreparedStatement audit =
        connection.prepareStatement(
            "INSERT INTO audit_event (actor, action, subject, detail, outcome) "
                + "SELECT ?, 'tms.terminal.enrol', 'tenant ' || ? || ' terminal ' || t, 'serial ' || s || ', TID ' || d, 'OK' "
                + "FROM unnest(?::bigint[], ?::varchar[], ?::varchar[]) AS r (t, s, d)")) {
      audit.setString(1, scope.actor());
      audit.setLong(2, scope.tenantId());
      audit.setArray(3, terminalArray);
      audit.setArray(4, connection.createArrayOf("varchar", serials));
      audit.setArray(5, connection.createArrayOf("varchar", tids));
      audit.executeUpdate();
    }
    return issued;
  }
}
