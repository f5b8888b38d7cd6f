package dev.baton.portal;

import dev.baton.tms.TerminalManagement;
import dev.baton.tms.db.NotBound;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.wildfly.security.http.oidc.JsonWebToken;
import org.wildfly.security.http.oidc.OidcPrincipal;
import org.wildfly.security.http.oidc.OidcSecurityContext;

/**
 * The terminal operator signed in to the portal: their name (the actor of every audit line) and
 * the tenant their Keycloak groups bind them to, read from the token the server's OIDC client
 * verified at sign-in; and the services they work with.
 */
@Named
@RequestScoped
public class PortalOperator {

  static final String GROUPS = "groups";

  @Inject private HttpServletRequest request;
  @Inject private PortalServices services;

  private TenantScope scope;

  public String getName() {
    return request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
  }

  /** The tenant's code, as the operator's group names it ("" when the groups name no single one). */
  public String getTenant() {
    List<String> codes = Tenants.codesIn(groups());
    return codes.size() == 1 ? codes.getFirst() : "";
  }

  /**
   * Whom every query and change is for.
   *
   * @throws NotBound when the operator's groups bind them to no tenant, or to several
   */
  public TenantScope scope() {
    if (scope == null) {
      scope = services.tms().tenants().scope(groups(), getName());
    }
    return scope;
  }

  public TerminalManagement tms() {
    return services.tms();
  }

  /** The full paths of the operator's Keycloak groups, from the access token (or the ID token). */
  List<String> groups() {
    OidcSecurityContext context = null;
    if (request.getUserPrincipal() instanceof OidcPrincipal<?> principal) {
      context = principal.getOidcSecurityContext();
    } else if (request.getAttribute(OidcSecurityContext.class.getName()) instanceof OidcSecurityContext attached) {
      context = attached;
    }
    if (context == null) {
      return List.of();
    }
    List<String> groups = context.getToken() == null ? null : listClaim(context.getToken());
    if (groups == null && context.getIDToken() != null) {
      groups = listClaim(context.getIDToken());
    }
    return groups == null ? List.of() : groups;
  }

  private static List<String> listClaim(JsonWebToken token) {
    try {
      return token.getStringListClaimValue(GROUPS);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
