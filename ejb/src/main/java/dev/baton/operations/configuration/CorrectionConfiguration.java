package dev.baton.operations.configuration;

import dev.baton.operations.InvalidConfiguration;
import dev.baton.operations.UnknownItem;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;

/**
 * Field correction rules: read, add, replace, delete. The table's trigger audits every change in
 * the actor's name; the nodes apply the rules within seconds.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CorrectionConfiguration {

  private static final String COLUMNS =
      "id, bank_id, direction, position, action, field, value, from_field, pad_side, pad_char, pad_length, enabled";

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  public List<FieldCorrection> rules() {
    return ConfigurationQueries.list(dataSource, "SELECT " + COLUMNS + " FROM field_correction ORDER BY bank_id, direction, position, id",
        CorrectionConfiguration::read);
  }

  /** Adds the rule when its id is null, otherwise replaces the rule with that id. */
  public FieldCorrection save(FieldCorrection rule, String actor) throws InvalidConfiguration, UnknownItem {
    ConfigurationRules.require(ConfigurationRules.fieldCorrection(rule));
    return ConfigurationChange.run(dataSource, actor, connection -> {
      if (!ConfigurationQueries.exists(connection, "SELECT 1 FROM bank WHERE id = ?", rule.bankId())) {
        throw InvalidConfiguration.of("bankId", "no bank " + rule.bankId());
      }
      String sql = rule.id() == null
          ? "INSERT INTO field_correction (bank_id, direction, position, action, field, value, from_field, pad_side, pad_char,"
              + " pad_length, enabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS
          : "UPDATE field_correction SET bank_id = ?, direction = ?, position = ?, action = ?, field = ?, value = ?,"
              + " from_field = ?, pad_side = ?, pad_char = ?, pad_length = ?, enabled = ? WHERE id = ? RETURNING " + COLUMNS;
      try (PreparedStatement write = connection.prepareStatement(sql)) {
        write.setString(1, rule.bankId());
        write.setString(2, rule.direction());
        write.setInt(3, rule.position());
        write.setString(4, rule.action());
        write.setInt(5, rule.field());
        write.setString(6, "SET".equals(rule.action()) ? rule.value() : null);
        write.setObject(7, "COPY".equals(rule.action()) ? rule.fromField() : null, Types.INTEGER);
        boolean pad = "PAD".equals(rule.action());
        write.setString(8, pad ? rule.padSide() : null);
        write.setString(9, pad ? rule.padChar() : null);
        write.setObject(10, pad ? rule.padLength() : null, Types.INTEGER);
        write.setBoolean(11, rule.enabled());
        if (rule.id() != null) {
          write.setLong(12, rule.id());
        }
        try (ResultSet saved = write.executeQuery()) {
          if (!saved.next()) {
            throw new UnknownItem("no field correction rule " + rule.id());
          }
          return read(saved);
        }
      }
    });
  }

  public void delete(long id, String actor) throws UnknownItem {
    try {
      ConfigurationChange.run(dataSource, actor, connection -> {
        ConfigurationQueries.deleteOne(connection, "DELETE FROM field_correction WHERE id = ?", id, "no field correction rule " + id);
        return null;
      });
    } catch (InvalidConfiguration e) {
      throw new IllegalStateException(e);
    }
  }

  private static FieldCorrection read(ResultSet rows) throws SQLException {
    return new FieldCorrection(
        rows.getLong(1), rows.getString(2), rows.getString(3), rows.getInt(4), rows.getString(5), rows.getInt(6),
        rows.getString(7), rows.getObject(8, Integer.class), rows.getString(9), rows.getString(10),
        rows.getObject(11, Integer.class), rows.getBoolean(12));
  }
}
