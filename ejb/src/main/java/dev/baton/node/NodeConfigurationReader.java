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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  /**
   * The configuration's rows as the database holds them now. Reading them is cheap; building a
   * configuration from them (packagers above all) is not, so a node rebuilds only when they
   * changed.
   */
  public static Rows rows(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      return new Rows(
          rows(statement, "SELECT prefix, issuer_id FROM bin_range ORDER BY prefix, issuer_id"),
          rows(statement,
              "SELECT DISTINCT ON (bank_id) bank_id, packager, framing FROM bank_session"
                  + " WHERE enabled ORDER BY bank_id, id"),
          rows(statement,
              "SELECT id, bank_id, direction, action, field, value, from_field, pad_side, pad_char,"
                  + " pad_length FROM field_correction WHERE enabled ORDER BY bank_id, direction, position, id"));
    }
  }

  /** The configuration the rows describe; rows that make no sense are logged and left out. */
  public static NodeConfiguration build(Rows rows) {
    return new NodeConfiguration(bins(rows.bins()), profiles(rows.profiles()), corrections(rows.corrections()));
  }

  /**
   * The rows of the BIN ranges, the banks' packagers and framing, and the enabled field
   * corrections, each a list of column values as text (null stays null).
   */
  public record Rows(List<List<String>> bins, List<List<String>> profiles, List<List<String>> corrections) {}

  private static List<List<String>> rows(Statement statement, String query) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (ResultSet result = statement.executeQuery(query)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>(columns);
        for (int column = 1; column <= columns; column++) {
          row.add(result.getString(column));
        }
        rows.add(java.util.Collections.unmodifiableList(row));
      }
    }
    return List.copyOf(rows);
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

  private static BinTable bins(List<List<String>> rows) {
    BinTable.Builder bins = BinTable.builder();
    for (List<String> row : rows) {
      try {
        bins.add(row.get(0), row.get(1));
      } catch (IllegalArgumentException e) {
        LOG.log(Level.WARNING, "BIN range {0} left out: {1}", row.get(0), e.getMessage());
      }
    }
    return bins.build();
  }

  private static Map<String, BankProfile> profiles(List<List<String>> rows) {
    Map<String, BankProfile> profiles = new HashMap<>();
    for (List<String> row : rows) {
      String bank = row.get(0);
      try {
        profiles.put(bank, BankProfile.of(bank, row.get(1), row.get(2)));
      } catch (IllegalArgumentException e) {
        LOG.log(Level.WARNING, "bank {0}: packager left out: {1}", bank, e.getMessage());
      }
    }
    return profiles;
  }

  private static FieldCorrections corrections(List<List<String>> rows) {
    FieldCorrections.Builder corrections = FieldCorrections.builder();
    for (List<String> row : rows) {
      try {
        corrections.add(row.get(1), Direction.valueOf(row.get(2)), rule(row));
      } catch (IllegalArgumentException | NullPointerException e) {
        LOG.log(Level.WARNING, "field correction {0} left out: {1}", row.get(0), String.valueOf(e.getMessage()));
      }
    }
    return corrections.build();
  }

  private static FieldCorrectionRule rule(List<String> row) {
    int field = Integer.parseInt(row.get(4));
    return switch (row.get(3)) {
      case "SET" -> new FieldCorrectionRule.SetField(field, row.get(5));
      case "COPY" -> new FieldCorrectionRule.CopyField(Integer.parseInt(row.get(6)), field);
      case "STRIP" -> new FieldCorrectionRule.StripField(field);
      case "PAD" ->
          new FieldCorrectionRule.PadField(
              field,
              FieldCorrectionRule.Side.valueOf(row.get(7)),
              row.get(8).charAt(0),
              Integer.parseInt(row.get(9)));
      default -> throw new IllegalArgumentException("unknown action " + row.get(3));
    };
  }
}
