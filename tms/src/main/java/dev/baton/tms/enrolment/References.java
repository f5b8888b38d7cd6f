package dev.baton.tms.enrolment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The models, merchants, sites and groups of one tenant that the rows name, loaded once per
 * enrolment; a code of another tenant is as unknown as a code that does not exist.
 */
final class References {

  private final Map<String, Long> models = new HashMap<>();
  private final Map<String, Long> merchants = new HashMap<>();
  private final Map<String, Long> sites = new HashMap<>();
  private final Map<String, Long> groups = new HashMap<>();

  private References() {}

  static References load(Connection connection, long tenantId, List<EnrolmentRow> rows) throws SQLException {
    References references = new References();
    String[] mids = rows.stream().map(EnrolmentRow::mid).distinct().toArray(String[]::new);
    references.fill(connection, "SELECT code, id FROM tms_terminal_model WHERE tenant_id = ?", tenantId, null, references.models);
    references.fill(connection, "SELECT name, id FROM tms_group WHERE tenant_id = ?", tenantId, null, references.groups);
    references.fill(
        connection, "SELECT mid, id FROM tms_merchant WHERE tenant_id = ? AND mid = ANY (?)", tenantId, mids, references.merchants);
    references.fill(
        connection,
        "SELECT m.mid || '/' || s.code, s.id FROM tms_site s JOIN tms_merchant m ON m.id = s.merchant_id "
            + "WHERE s.tenant_id = ? AND m.mid = ANY (?)",
        tenantId, mids, references.sites);
    return references;
  }

  private void fill(Connection connection, String sql, long tenantId, String[] values, Map<String, Long> into) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, tenantId);
      if (values != null) {
        select.setArray(2, connection.createArrayOf("varchar", values));
      }
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          into.put(result.getString(1), result.getLong(2));
        }
      }
    }
  }

  /** Adds a problem for every name of {@code row} this tenant does not have. */
  void check(EnrolmentRow row, List<RowProblem> problems) {
    if (!models.containsKey(row.model())) {
      problems.add(new RowProblem(row.line(), "model", "no terminal model '" + row.model() + "' in this tenant"));
    }
    if (!merchants.containsKey(row.mid())) {
      problems.add(new RowProblem(row.line(), "mid", "no merchant with MID " + row.mid() + " in this tenant"));
    } else if (!row.site().isEmpty() && !sites.containsKey(row.mid() + "/" + row.site())) {
      problems.add(new RowProblem(row.line(), "site", "merchant " + row.mid() + " has no site '" + row.site() + "'"));
    }
    if (!row.group().isEmpty() && !groups.containsKey(row.group())) {
      problems.add(new RowProblem(row.line(), "group", "no group '" + row.group() + "' in this tenant"));
    }
  }

  Long model(EnrolmentRow row) {
    return models.get(row.model());
  }

  Long merchant(EnrolmentRow row) {
    return merchants.get(row.mid());
  }

  Long site(EnrolmentRow row) {
    return row.site().isEmpty() ? null : sites.get(row.mid() + "/" + row.site());
  }

  Long group(EnrolmentRow row) {
    return row.group().isEmpty() ? null : groups.get(row.group());
  }

  /** Creates the tags the rows name that the tenant lacks, and tags the terminals. */
  void tag(Connection connection, long tenantId, List<EnrolmentRow> rows, Long[] terminalIds) throws SQLException {
    List<Long> terminals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      for (String tag : rows.get(i).tags()) {
        terminals.add(terminalIds[i]);
        names.add(tag);
      }
    }
    if (names.isEmpty()) {
      return;
    }
    String[] nameArray = names.toArray(String[]::new);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO tms_tag (tenant_id, name) SELECT DISTINCT ?, n FROM unnest(?::varchar[]) AS r (n) "
                + "ON CONFLICT (tenant_id, name) DO NOTHING")) {
      insert.setLong(1, tenantId);
      insert.setArray(2, connection.createArrayOf("varchar", nameArray));
      insert.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO tms_terminal_tag (terminal_id, tag_id) SELECT r.t, g.id FROM unnest(?::bigint[], ?::varchar[]) AS r (t, n) "
                + "JOIN tms_tag g ON g.tenant_id = ? AND g.name = r.n")) {
      insert.setArray(1, connection.createArrayOf("bigint", terminals.toArray(Long[]::new)));
      insert.setArray(2, connection.createArrayOf("varchar", nameArray));
      insert.setLong(3, tenantId);
      insert.executeUpdate();
    }
  }
}
