package dev.baton.tms.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.tms.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class TenantsTest {

  private static String codeOf(DataSource db, TenantScope scope) {
    return new Transactions(db).inTransaction(connection -> {
      try (var select = connection.prepareStatement("SELECT code FROM tms_tenant WHERE id = ?")) {
        select.setLong(1, scope.tenantId());
        try (var r = select.executeQuery()) {
          r.next();
          return r.getString(1);
        }
      }
    });
  }

  @Test
  void readsTheTenantCodesFromTheGroupsUnderTmsTenantsOnly() {
    assertEquals(List.of("acme"), Tenants.codesIn(List.of("/staff", "/tms-tenants/acme")));
    assertEquals(List.of(), Tenants.codesIn(List.of("/tms-tenants/", "/other/tms-tenants/x")), "the parent group alone names no tenant");
    assertEquals(List.of("a", "b"), Tenants.codesIn(List.of("/tms-tenants/a", "/tms-tenants/b")));
  }

  @Test
  void scopesTheOperatorToTheOneTenantOfItsGroupsUnderItsName(DataSource db) {
    TenantScope existing = TestDatabase.newTenant(db, "setup");
    Tenants tenants = new Tenants(new Transactions(db));
    TenantScope scope = tenants.scope(List.of("/staff", "/tms-tenants/" + codeOf(db, existing)), "carol");
    assertEquals(new TenantScope(existing.tenantId(), "carol"), scope);
  }

  @Test
  void refusesAnOperatorOfNoTenantOfSeveralOrOfOneThatDoesNotExist(DataSource db) {
    Tenants tenants = new Tenants(new Transactions(db));
    assertEquals("this operator is bound to no tenant (a Keycloak group under /tms-tenants/)",
        assertThrows(NotBound.class, () -> tenants.scope(List.of("/staff"), "dave")).getMessage());
    assertEquals("this operator is bound to several tenants: a, b",
        assertThrows(NotBound.class, () -> tenants.scope(List.of("/tms-tenants/a", "/tms-tenants/b"), "dave")).getMessage());
    assertEquals("tenant no-such-tenant does not exist",
        assertThrows(NotBound.class, () -> tenants.scope(List.of("/tms-tenants/no-such-tenant"), "dave")).getMessage());
  }
}
