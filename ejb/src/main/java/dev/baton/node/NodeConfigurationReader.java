package dev.baton.node;

import dev.baton.processing.bin.BinTable;
import dev.baton.processing.correction.Direction;
import dev.baton.processing.correction.FieldCorrectionRule;
import dev.baton.processing.correction.FieldCorrections;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads a node's configuration from the database: BIN ranges, each bank's packager and framing
 * (from its first enabled session), and the enabled field corrections in order. A row that does
 * not make sense (an unknown packager, a rule the domain refuses) is logged and left out; the
 * rest still applies.
 */
public final class NodeConfigurationReader {

  private static final Logger LOG = System.getLogger(NodeConfigurationReader.class.getName());

  private NodeConfigurationReader() {}

  public static NodeConfiguration read(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      return new NodeConfiguration(bins(statement), profiles(statement), corrections(statement));
    }
  }

  /** A switch-wide setting from {@code switch_setting}, or {@code otherwise} when it has no row. */
  public static String setting(DataSource dataSource, String name, String otherwise) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        java.sql.PreparedStatement query = connection.prepareStatement("SELECT value FROM switch_setting WHERE name = ?")) {
      query.setString(1, name);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : otherwise;
      }
    }
  }

  private static BinTable bins(Statement statement) throws SQLException {
    BinTable.Builder bins = BinTable.builder();
    try (ResultSet rows = statement.executeQuery("SELECT prefix, issuer_id FROM bin_range")) {
      while (rows.next()) {
        try {
          bins.add(rows.getString(1), rows.getString(2));
        } catch (IllegalArgumentException e) {
          LOG.log(Level.WARNING, "BIN range {0} left out: {1}", rows.getString(1), e.getMessage());
        }
      }
    }
    return bins.build();
  }

  private static Map<String, BankProfile> profiles(Statement statement) throws SQLException {
    Map<String, BankProfile> profiles = new HashMap<>();
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT DISTINCT ON (bank_id) bank_id, packager, framing FROM bank_session"
                + " WHERE enabled ORDER BY bank_id, id")) {
      while (rows.next()) {
        String bank = rows.getString(1);
        try {
          profiles.put(bank, BankProfile.of(bank, rows.getString(2), rows.getString(3)));
        } catch (IllegalArgumentException e) {
          LOG.log(Level.WARNING, "bank {0}: packager left out: {1}", bank, e.getMessage());
        }
      }
    }
    return profiles;
  }

  private static FieldCorrections corrections(Statement statement) throws SQLException {
    FieldCorrections.Builder corrections = FieldCorrections.builder();
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT id, bank_id, direction, action, field, value, from_field, pad_side, pad_char,"
                + " pad_length FROM field_correction WHERE enabled ORDER BY bank_id, direction, position, id")) {
      while (rows.next()) {
        try {
          corrections.add(rows.getString(2), Direction.valueOf(rows.getString(3)), rule(rows));
        } catch (IllegalArgumentException e) {
          LOG.log(Level.WARNING, "field correction {0} left out: {1}", rows.getLong(1), e.getMessage());
        }
      }
    }
    return corrections.build();
  }

  private static FieldCorrectionRule rule(ResultSet row) throws SQLException {
    int field = row.getInt(5);
    return switch (row.getString(4)) {
      case "SET" -> new FieldCorrectionRule.SetField(field, row.getString(6));
      case "COPY" -> new FieldCorrectionRule.CopyField(row.getInt(7), field);
      case "STRIP" -> new FieldCorrectionRule.StripField(field);
      case "PAD" ->
          new FieldCorrectionRule.PadField(
              field,
              FieldCorrectionRule.Side.valueOf(row.getString(8)),
              row.getString(9).charAt(0),
              row.getInt(10));
      default -> throw new IllegalArgumentException("unknown action " + row.getString(4));
    };
  }
}
