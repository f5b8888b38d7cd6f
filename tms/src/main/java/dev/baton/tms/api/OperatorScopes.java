package dev.baton.tms.api;

import dev.baton.tms.TerminalManagement;
import dev.baton.tms.db.NotBound;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Tenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ForbiddenException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The tenant of the signed-in terminal operator, from the {@code groups} claim of the bearer
 * token (see {@link Tenants}).
 *
 * <p>The bearer token is read only after the server's OIDC layer has verified it for this
 * request (the operator API requires the {@code tms-operator} role), so decoding its payload
 * here trusts nothing the server has not checked.
 */
@ApplicationScoped
public class OperatorScopes {

  @Inject
  TerminalManagement tms;

  /** @throws ForbiddenException when the operator belongs to no tenant, or to several */
  public TenantScope of(String authorization, String operator) {
    try {
      return tms.tenants().scope(groups(authorization), operator);
    } catch (NotBound e) {
      throw new ForbiddenException(e.getMessage());
    }
  }

  static List<String> tenantCodes(String authorization) {
    return Tenants.codesIn(groups(authorization));
  }

  private static List<String> groups(String authorization) {
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
    return groups.asJsonArray().stream().filter(g -> g instanceof JsonString).map(g -> ((JsonString) g).getString()).toList();
  }
}
