package dev.baton.tms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorScopesTest {

  private static String bearer(String claims) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return "Bearer " + url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".signature";
  }

  @Test
  void readsTheTenantFromTheGroupUnderTmsTenants() {
    assertEquals(List.of("acme"), OperatorScopes.tenantCodes(bearer("{\"groups\":[\"/staff\",\"/tms-tenants/acme\"]}")));
  }

  @Test
  void findsNoTenantWithoutGroupsOrWithoutAToken() {
    assertEquals(List.of(), OperatorScopes.tenantCodes(bearer("{\"sub\":\"x\"}")));
    assertEquals(List.of(), OperatorScopes.tenantCodes(bearer("{\"groups\":[\"/tms-tenants/\"]}")), "the parent group alone names no tenant");
    assertEquals(List.of(), OperatorScopes.tenantCodes(null));
    assertEquals(List.of(), OperatorScopes.tenantCodes("Basic abc"));
    assertEquals(List.of(), OperatorScopes.tenantCodes("Bearer not-a-jwt"));
  }

  @Test
  void listsEveryTenantSoThatTwoAreRefusedRatherThanOnePicked() {
    assertEquals(List.of("a", "b"), OperatorScopes.tenantCodes(bearer("{\"groups\":[\"/tms-tenants/a\",\"/tms-tenants/b\"]}")));
  }
}
