package dev.baton.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** The person signed in to the console or the portal, as Keycloak vouches for them. */
@Named
@RequestScoped
public class CurrentOperator {

  /** The console's roles, from least to most powerful. */
  static final List<String> ROLES = List.of("viewer", "operator", "admin", "tms-operator");

  @Inject private HttpServletRequest request;

  public String getName() {
    return request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
  }

  /** The console roles this person holds, comma separated. */
  public String getRoles() {
    return String.join(", ", ROLES.stream().filter(request::isUserInRole).toList());
  }

  public boolean isSignedIn() {
    return request.getUserPrincipal() != null;
  }

  /** Whether the operations console is for this person (viewer, operator or admin). */
  public boolean isConsoleUser() {
    return ROLES.stream().filter(role -> !role.equals("tms-operator")).anyMatch(request::isUserInRole);
  }

  /** Whether the terminal management portal is for this person. */
  public boolean isTerminalOperator() {
    return request.isUserInRole("tms-operator");
  }
}
