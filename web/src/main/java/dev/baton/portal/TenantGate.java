package dev.baton.portal;

import dev.baton.tms.db.NotBound;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Lets a terminal operator into the portal only when their groups bind them to exactly one
 * existing tenant; anyone else gets 403 and a page that says why (never a page of someone's
 * fleet, never a stack trace). The container has already checked the {@code tms-operator} role.
 */
@WebFilter("/portal/*")
public class TenantGate extends HttpFilter {

  private static final Logger LOG = System.getLogger(TenantGate.class.getName());

  @Inject private PortalOperator operator;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
    try {
      operator.scope();
    } catch (NotBound refused) {
      LOG.log(Level.WARNING, "portal refused to " + operator.getName() + ": " + refused.getMessage());
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "The terminal management portal shows one tenant's fleet, and " + refused.getMessage()
          + ". An administrator puts your user in exactly one group under /tms-tenants/ in Keycloak.");
      return;
    }
    chain.doFilter(request, response);
  }
}
