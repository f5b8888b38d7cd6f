package dev.baton.tms.parameters;

import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.Rows;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator reads of the tenant's parameter profiles: the profiles, one profile's
 * definitions and versions, and the values a version sets at each level. Changes go through
 * {@link ParameterProfiles}.
 */
public final class ProfileCatalog {

  /** A profile and the number of its latest version (0 before the first is published). */
  public record Profile(long id, String name, String application, String model, int latestVersion, List<ParameterDefinition> parameters) {}

  /** A published version: who published it, when. */
  public record PublishedVersion(long id, int number, Instant createdAt, String createdBy) {}

  /**
   * A value a version sets.
   *
   * @param scopeId the group's or terminal's id (0 for the tenant)
   * @param scopeName the group's name or the terminal's serial number (empty for the tenant)
   */
  public record SetValue(Level level, long scopeId, String scopeName, String name, String value) {}

  private static final String PROFILE =
      "SELECT p.id, p.name, p.application, m.code, (SELECT coalesce(max(v.version), 0) FROM tms_parameter_profile_version v WHERE v.profile_id = p.id) "
          + "FROM tms_parameter_profile p LEFT JOIN tms_terminal_model m ON m.id = p.model_id WHERE p.tenant_id = ? ";

  private final Transactions transactions;

  public ProfileCatalog(Transactions transactions) {
    this.transactions = transactions;
  }

  /** The tenant's profiles, by name. */
  public List<Profile> list(TenantScope scope) {
    return transactions.inTransaction(connection -> profiles(connection, scope, PROFILE + "ORDER BY p.name", scope.tenantId()));
  }

  /** @throws NotFound when the profile is not the caller's tenant's */
  public Profile find(TenantScope scope, long profileId) {
    List<Profile> found = transactions.inTransaction(connection -> profiles(connection, scope, PROFILE + "AND p.id = ?", scope.tenantId(), profileId));
    if (found.isEmpty()) {
      throw new NotFound("profile", profileId);
    }
    return found.getFirst();
  }

  /** The profile's versions, newest first. */
  public List<PublishedVersion> versions(TenantScope scope, long profileId) {
    return transactions.inTransaction(connection -> {
      ParameterProfiles.definitions(connection, scope, profileId);
      return Rows.list(connection,
          "SELECT id, version, created_at, created_by FROM tms_parameter_profile_version WHERE profile_id = ? ORDER BY version DESC",
          r -> new PublishedVersion(r.getLong(1), r.getInt(2), r.getTimestamp(3).toInstant(), r.getString(4)), profileId);
    });
  }

  /** The values version {@code version} of the profile sets, tenant first, then groups, then terminals. */
  public List<SetValue> values(TenantScope scope, long profileId, int version) {
    return transactions.inTransaction(connection -> {
      ParameterProfiles.definitions(connection, scope, profileId);
      return Rows.list(connection,
          "SELECT v.scope, v.scope_id, coalesce(g.name, t.serial_number, ''), v.name, v.value FROM tms_parameter_value v "
              + "JOIN tms_parameter_profile_version p ON p.id = v.version_id "
              + "LEFT JOIN tms_group g ON v.scope = 'GROUP' AND g.id = v.scope_id "
              + "LEFT JOIN tms_terminal t ON v.scope = 'TERMINAL' AND t.id = v.scope_id "
              + "WHERE p.profile_id = ? AND p.version = ? "
              + "ORDER BY array_position(ARRAY['TENANT', 'GROUP', 'TERMINAL']::varchar[], v.scope), 3, v.name",
          r -> new SetValue(Level.valueOf(r.getString(1)), r.getLong(2), r.getString(3), r.getString(4), r.getString(5)), profileId, version);
    });
  }

  private static List<Profile> profiles(Connection connection, TenantScope scope, String sql, Object... parameters) throws SQLException {
    List<Profile> profiles = new ArrayList<>();
    for (Profile found : Rows.list(connection, sql, r -> new Profile(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5),
        List.of()), parameters)) {
      profiles.add(new Profile(found.id(), found.name(), found.application(), found.model(), found.latestVersion(),
          List.copyOf(ParameterProfiles.definitions(connection, scope, found.id()).values())));
    }
    return profiles;
  }
}
