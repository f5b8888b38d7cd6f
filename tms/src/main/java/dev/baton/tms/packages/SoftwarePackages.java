package dev.baton.tms.packages;

import dev.baton.tms.db.AuditLog;
import dev.baton.tms.db.DatabaseException;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.terminal.FleetStructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Software packages (applications and firmware) of a tenant: bytes in the object store, their
 * SHA-256 and size in the database, with the terminal models they run on.
 */
public final class SoftwarePackages {

  /** What an operator or a terminal learns of a package. */
  public record PackageView(
      long id, String name, String version, String kind, String sha256, long size, String storageKey, List<String> models) {}

  private final Transactions transactions;
  private final ObjectStore store;

  public SoftwarePackages(Transactions transactions, ObjectStore store) {
    this.transactions = transactions;
    this.store = store;
  }

  /**
   * Stores a package. When the uploader gives the SHA-256 it expects, bytes that do not match are
   * refused and dropped.
   */
  public PackageView upload(
      TenantScope scope, String name, String version, String kind, List<Long> modelIds, String expectedSha256, InputStream content)
      throws IOException {
    if (!"APPLICATION".equals(kind) && !"FIRMWARE".equals(kind)) {
      throw new InvalidInput("kind", "'" + kind + "' is not APPLICATION or FIRMWARE");
    }
    if (name == null || name.isBlank() || version == null || version.isBlank()) {
      throw new InvalidInput(name == null || name.isBlank() ? "name" : "version", "is required");
    }
    String key = "tenants/" + scope.tenantId() + "/packages/" + UUID.randomUUID();
    ObjectStore.Stored stored = store.put(key, content);
    try {
      if (expectedSha256 != null && !expectedSha256.strip().toLowerCase(Locale.ROOT).equals(stored.sha256())) {
        throw new InvalidInput("sha256", "the uploaded bytes have SHA-256 " + stored.sha256() + ", not " + expectedSha256);
      }
      long id = transactions.inTransaction(connection -> insert(connection, scope, name, version, kind, modelIds, key, stored));
      return find(scope, id);
    } catch (RuntimeException e) {
      store.delete(key);
      if (e instanceof DatabaseException db && "23505".equals(db.sqlState())) {
        throw new InvalidInput("version", name + " " + version + " exists already");
      }
      throw e;
    }
  }

  /** @throws NotFound when the package is not the caller's tenant's */
  public PackageView find(TenantScope scope, long packageId) {
    return transactions.inTransaction(connection -> find(connection, scope.tenantId(), packageId));
  }

  public List<PackageView> list(TenantScope scope) {
    return transactions.inTransaction(connection -> {
      List<PackageView> views = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT id FROM tms_package WHERE tenant_id = ? ORDER BY name, id")) {
        select.setLong(1, scope.tenantId());
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            views.add(find(connection, scope.tenantId(), result.getLong(1)));
          }
        }
      }
      return views;
    });
  }

  /** Reads the stored bytes back and compares their SHA-256 with the one recorded at upload. */
  public boolean verify(TenantScope scope, long packageId) {
    PackageView view = find(scope, packageId);
    MessageDigest digest = dev.baton.tms.credential.Secrets.sha256();
    try (InputStream in = store.open(view.storageKey(), 0, view.size())) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read package " + packageId + " from the object store", e);
    }
    return HexFormat.of().formatHex(digest.digest()).equals(view.sha256());
  }

  /** A package of the tenant, for the terminal that downloads it (its tenant, not an operator's scope). */
  public PackageView findForTenant(long tenantId, long packageId) {
    return transactions.inTransaction(connection -> find(connection, tenantId, packageId));
  }

  public ObjectStore store() {
    return store;
  }

  private static long insert(
      Connection connection, TenantScope scope, String name, String version, String kind, List<Long> modelIds, String key,
      ObjectStore.Stored stored) throws SQLException {
    long id;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO tms_package (tenant_id, name, version, kind, sha256, size_bytes, storage_key, uploaded_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      insert.setLong(1, scope.tenantId());
      insert.setString(2, name);
      insert.setString(3, version);
      insert.setString(4, kind);
      insert.setString(5, stored.sha256());
      insert.setLong(6, stored.size());
      insert.setString(7, key);
      insert.setString(8, scope.actor());
      try (ResultSet result = insert.executeQuery()) {
        result.next();
        id = result.getLong(1);
      }
    }
    for (long modelId : modelIds) {
      FleetStructure.requireOwned(connection, scope, "tms_terminal_model", "model", modelId);
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tms_package_model (package_id, model_id) VALUES (?, ?)")) {
        insert.setLong(1, id);
        insert.setLong(2, modelId);
        insert.executeUpdate();
      }
    }
    AuditLog.record(connection, scope, "tms.package.upload", "package " + id,
        name + " " + version + " " + kind + ", " + stored.size() + " bytes, SHA-256 " + stored.sha256());
    return id;
  }

  private static PackageView find(Connection connection, long tenantId, long packageId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT p.name, p.version, p.kind, p.sha256, p.size_bytes, p.storage_key, "
                + "coalesce(array_agg(m.code ORDER BY m.code) FILTER (WHERE m.code IS NOT NULL), '{}') "
                + "FROM tms_package p LEFT JOIN tms_package_model pm ON pm.package_id = p.id LEFT JOIN tms_terminal_model m ON m.id = pm.model_id "
                + "WHERE p.id = ? AND p.tenant_id = ? GROUP BY p.id")) {
      select.setLong(1, packageId);
      select.setLong(2, tenantId);
      try (ResultSet r = select.executeQuery()) {
        if (!r.next()) {
          throw new NotFound("package", packageId);
        }
        return new PackageView(
            packageId, r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getString(6),
            List.of((String[]) r.getArray(7).getArray()));
      }
    }
  }
}
