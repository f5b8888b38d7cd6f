package dev.baton.tms.parameters;

import dev.baton.tms.db.AuditLog;
import dev.baton.tms.db.DatabaseException;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.terminal.FleetStructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Versioned parameter profiles of a tenant. A version is never changed once published: a change
 * publishes the next version, a copy of the latest with the changes applied, so any two versions
 * can be compared and a deployment names exactly what it pushes.
 */
public final class ParameterProfiles {

  /** A published version: its id (what a deployment names) and its number within the profile. */
  public record Version(long id, int number) {}

  private final Transactions transactions;

  public ParameterProfiles(Transactions transactions) {
    this.transactions = transactions;
  }

  /** Creates a profile with its parameter definitions and no version yet. */
  public long create(TenantScope scope, String name, String application, Long modelId, List<ParameterDefinition> definitions) {
    try {
      return transactions.inTransaction(connection -> {
        if (modelId != null) {
          FleetStructure.requireOwned(connection, scope, "tms_terminal_model", "model", modelId);
        }
        long id;
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO tms_parameter_profile (tenant_id, name, application, model_id) VALUES (?, ?, ?, ?) RETURNING id")) {
          insert.setLong(1, scope.tenantId());
          insert.setString(2, name);
          insert.setString(3, application);
          insert.setObject(4, modelId);
          try (ResultSet result = insert.executeQuery()) {
            result.next();
            id = result.getLong(1);
          }
        }
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO tms_parameter_definition (profile_id, name, type, min_value, max_value, max_length, default_value) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          for (ParameterDefinition definition : definitions) {
            if (definition.defaultValue() != null) {
              definition.check(definition.defaultValue())
                  .ifPresent(reason -> { throw new InvalidInput(definition.name(), "default " + reason); });
            }
            insert.setLong(1, id);
            insert.setString(2, definition.name());
            insert.setString(3, definition.type().name());
            insert.setObject(4, definition.min());
            insert.setObject(5, definition.max());
            insert.setObject(6, definition.maxLength());
            insert.setString(7, definition.defaultValue());
            insert.addBatch();
          }
          insert.executeBatch();
        }
        AuditLog.record(connection, scope, "tms.profile.create", "profile " + id, name + " (" + application + "), " + definitions.size() + " parameter(s)");
        return id;
      });
    } catch (DatabaseException e) {
      if ("23505".equals(e.sqlState())) {
        throw new InvalidInput("name", "profile " + name + " exists already, or a parameter is defined twice");
      }
      throw e;
    }
  }

  /**
   * Publishes the next version: the latest version's values with {@code changes} applied, each
   * checked against its definition and its group or terminal checked to be the tenant's.
   */
  public Version publish(TenantScope scope, long profileId, List<ValueChange> changes) {
    return transactions.inTransaction(connection -> {
      Map<String, ParameterDefinition> definitions = definitions(connection, scope, profileId);
      for (ValueChange change : changes) {
        ParameterDefinition definition = definitions.get(change.name());
        if (definition == null) {
          throw new InvalidInput(change.name(), "is not a parameter of this profile");
        }
        if (change.value() != null) {
          definition.check(change.value()).ifPresent(reason -> { throw new InvalidInput(change.name(), reason); });
        }
        switch (change.level()) {
          case GROUP -> FleetStructure.requireOwned(connection, scope, "tms_group", "group", change.scopeId());
          case TERMINAL -> FleetStructure.requireOwned(connection, scope, "tms_terminal", "terminal", change.scopeId());
          case TENANT -> {}
          case DEFAULT -> throw new InvalidInput(change.name(), "a default is part of the definition, not of a version");
        }
      }
      int latest = latest(connection, profileId);
      long versionId;
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO tms_parameter_profile_version (profile_id, version, created_by) VALUES (?, ?, ?) RETURNING id")) {
        insert.setLong(1, profileId);
        insert.setInt(2, latest + 1);
        insert.setString(3, scope.actor());
        try (ResultSet result = insert.executeQuery()) {
          result.next();
          versionId = result.getLong(1);
        }
      }
      try (PreparedStatement copy =
          connection.prepareStatement(
              "INSERT INTO tms_parameter_value (version_id, scope, scope_id, name, value) SELECT ?, v.scope, v.scope_id, v.name, v.value "
                  + "FROM tms_parameter_value v JOIN tms_parameter_profile_version p ON p.id = v.version_id "
                  + "WHERE p.profile_id = ? AND p.version = ?")) {
        copy.setLong(1, versionId);
        copy.setLong(2, profileId);
        copy.setInt(3, latest);
        copy.executeUpdate();
      }
      for (ValueChange change : changes) {
        apply(connection, versionId, change);
      }
      AuditLog.record(connection, scope, "tms.profile.publish", "profile " + profileId + " version " + (latest + 1), changes.toString());
      return new Version(versionId, latest + 1);
    });
  }

  /** The effective parameters of a terminal under one version of a profile. */
  public Map<String, EffectiveParameters.Value> effective(TenantScope scope, long profileId, int version, long terminalId) {
    return transactions.inTransaction(connection -> effective(connection, scope, profileId, version, terminalId));
  }

  /** What changes for a terminal between two versions of a profile. */
  public List<EffectiveParameters.Change> diff(TenantScope scope, long profileId, int from, int to, long terminalId) {
    return transactions.inTransaction(connection ->
        EffectiveParameters.diff(
            effective(connection, scope, profileId, from, terminalId), effective(connection, scope, profileId, to, terminalId)));
  }

  private Map<String, EffectiveParameters.Value> effective(Connection connection, TenantScope scope, long profileId, int version, long terminalId)
      throws SQLException {
    Map<String, ParameterDefinition> definitions = definitions(connection, scope, profileId);
    Long groupId;
    try (PreparedStatement select = connection.prepareStatement("SELECT group_id FROM tms_terminal WHERE id = ? AND tenant_id = ?")) {
      select.setLong(1, terminalId);
      select.setLong(2, scope.tenantId());
      try (ResultSet result = select.executeQuery()) {
        if (!result.next()) {
          throw new NotFound("terminal", terminalId);
        }
        groupId = result.getObject(1, Long.class);
      }
    }
    Map<String, Map<String, String>> levels = new HashMap<>(Map.of("TENANT", new HashMap<>(), "GROUP", new HashMap<>(), "TERMINAL", new HashMap<>()));
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT v.scope, v.name, v.value FROM tms_parameter_value v JOIN tms_parameter_profile_version p ON p.id = v.version_id "
                + "WHERE p.profile_id = ? AND p.version = ? AND (v.scope = 'TENANT' OR (v.scope = 'GROUP' AND v.scope_id = ?) "
                + "OR (v.scope = 'TERMINAL' AND v.scope_id = ?))")) {
      select.setLong(1, profileId);
      select.setInt(2, version);
      select.setLong(3, groupId == null ? -1 : groupId);
      select.setLong(4, terminalId);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          levels.get(result.getString(1)).put(result.getString(2), result.getString(3));
        }
      }
    }
    if (version < 1 || version > latest(connection, profileId)) {
      throw new NotFound("version", version);
    }
    return EffectiveParameters.resolve(definitions.values(), levels.get("TENANT"), levels.get("GROUP"), levels.get("TERMINAL"));
  }

  static Map<String, ParameterDefinition> definitions(Connection connection, TenantScope scope, long profileId) throws SQLException {
    FleetStructure.requireOwned(connection, scope, "tms_parameter_profile", "profile", profileId);
    Map<String, ParameterDefinition> definitions = new LinkedHashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT name, type, min_value, max_value, max_length, default_value FROM tms_parameter_definition WHERE profile_id = ? ORDER BY name")) {
      select.setLong(1, profileId);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          definitions.put(
              r.getString(1),
              new ParameterDefinition(
                  r.getString(1), ParameterType.valueOf(r.getString(2)), r.getObject(3, Long.class), r.getObject(4, Long.class),
                  r.getObject(5, Integer.class), r.getString(6)));
        }
      }
    }
    return definitions;
  }

  private static int latest(Connection connection, long profileId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT coalesce(max(version), 0) FROM tms_parameter_profile_version WHERE profile_id = ?")) {
      select.setLong(1, profileId);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  private static void apply(Connection connection, long versionId, ValueChange change) throws SQLException {
    long scopeId = change.level() == Level.TENANT ? 0 : change.scopeId();
    String sql = change.value() == null
        ? "DELETE FROM tms_parameter_value WHERE version_id = ? AND scope = ? AND scope_id = ? AND name = ?"
        : "INSERT INTO tms_parameter_value (version_id, scope, scope_id, name, value) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (version_id, scope, scope_id, name) DO UPDATE SET value = excluded.value";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, versionId);
      statement.setString(2, change.level().name());
      statement.setLong(3, scopeId);
      statement.setString(4, change.name());
      if (change.value() != null) {
        statement.setString(5, change.value());
      }
      statement.executeUpdate();
    }
  }
}
