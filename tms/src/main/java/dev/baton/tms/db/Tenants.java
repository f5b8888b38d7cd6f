package dev.baton.tms.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant an operator works for. Keycloak lists the user's groups (claim {@code groups}, full
 * paths); the one group under {@code /tms-tenants/} names the tenant by its code. An operator in
 * no such group, or in several, works for none: one is never picked for them.
 */
public final class Tenants {

  /** The Keycloak group whose subgroups are the tenants. */
  public static final String GROUP_PREFIX = "/tms-tenants/";

  private final Transactions transactions;
  private final Map<String, Long> ids = new ConcurrentHashMap<>();

  public Tenants(Transactions transactions) {
    this.transactions = transactions;
  }

  /** The tenant codes named by {@code groups}, in their order. */
  public static List<String> codesIn(Collection<String> groups) {
    return groups.stream()
        .filter(g -> g != null && g.startsWith(GROUP_PREFIX) && g.length() > GROUP_PREFIX.length())
        .map(g -> g.substring(GROUP_PREFIX.length()))
        .toList();
  }

  /**
   * The scope of operator {@code actor} whose groups are {@code groups}.
   *
   * @throws NotBound when the groups name no tenant, several, or one that does not exist
   */
  public TenantScope scope(Collection<String> groups, String actor) {
    List<String> codes = codesIn(groups);
    if (codes.size() != 1) {
      throw new NotBound(codes.isEmpty()
          ? "this operator is bound to no tenant (a Keycloak group under " + GROUP_PREFIX + ")"
          : "this operator is bound to several tenants: " + String.join(", ", codes));
    }
    String code = codes.getFirst();
    long id = ids.computeIfAbsent(code, this::lookUp);
    if (id < 0) {
      ids.remove(code);
      throw new NotBound("tenant " + code + " does not exist");
    }
    return new TenantScope(id, actor);
  }

  private long lookUp(String code) {
    return transactions.inTransaction(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT id FROM tms_tenant WHERE code = ?")) {
        select.setString(1, code);
        try (ResultSet r = select.executeQuery()) {
          return r.next() ? r.getLong(1) : -1L;
        }
      }
    });
  }
}
