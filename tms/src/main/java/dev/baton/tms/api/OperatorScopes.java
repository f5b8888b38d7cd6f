package dev.baton.tms.api;

import dev.baton.tms.db.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ForbiddenException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant of the signed-in terminal operator: Keycloak puts the user's groups in the token's
 * {@code groups} claim, and the one group under {@code /tms-tenants/} names the tenant by code.
 *
 * <p>The bearer token is read only after the server's OIDC layer has verified it for this
 * request (the operator API requires the {@code tms-operator} role), so decoding its payload
 * here trusts nothing the server has not checked.
 */
@ApplicationScoped
public class OperatorScopes {

  static final String TENANT_GROUPS = "/tms-tenants/";

  @Inject
  TmsServices services;

  private final Map<String, Long> tenantIds = new ConcurrentHashMap<>();

  /** @throws ForbiddenException when the operator belongs to no tenant, or to several */
  public TenantScope of(String authorization, String operator) {
    List<String> tenants = tenantCodes(authorization);
    if (tenants.size() != 1) {
      throw new ForbiddenException(
          tenants.isEmpty() ? "this operator is bound to no tenant (Keycloak group under " + TENANT_GROUPS + ")"
              : "this operator is bound to several tenants: " + tenants);
    }
    String code = tenants.getFirst();
    Long id = tenantIds.computeIfAbsent(code, this::lookUp);
    if (id < 0) {
      tenantIds.remove(code);
      throw new ForbiddenException("tenant " + code + " does not exist");
    }
    return new TenantScope(id, operator);
  }

  static List<String> tenantCodes(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return List.of();
    }
    String[] parts = authorization.substring(7).strip().split("\\.");
    if (parts.length < 2) {
      return List.of();
    }
    JsonObject claims;
    try {
      String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      claims = Json.createReader(new StringReader(payload)).readObject();
    } catch (RuntimeException e) {
      return List.of();
    }
    JsonValue groups = claims.get("groups");
    if (groups == null || groups.getValueType() != JsonValue.ValueType.ARRAY) {
      return List.of();
    }
    return groups.asJsonArray().stream()
        .filter(g -> g instanceof JsonString)
        .map(g -> ((JsonString) g).getString())
        .filter(g -> g.startsWith(TENANT_GROUPS) && g.length() > TENANT_GROUPS.length())
        .map(g -> g.substring(TENANT_GROUPS.length()))
        .toList();
  }

  private Long lookUp(String code) {
    return services.transactions().inTransaction(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT id FROM tms_tenant WHERE code = ?")) {
        select.setString(1, code);
        try (ResultSet r = select.executeQuery()) {
          return r.next() ? r.getLong(1) : -1L;
        }
      }
    });
  }
}
