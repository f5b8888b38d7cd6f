package dev.baton.console;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Signs out: ends the console's session here, then Keycloak's (its end-session endpoint asks the
 * person to confirm and comes back to the console, or the portal with {@code ?to=portal}, which
 * asks for a new sign-in).
 */
@WebServlet("/logout")
public class Logout extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    if (request.getSession(false) != null) {
      request.getSession(false).invalidate();
    }
    request.logout();
    // back to where the person came from: the portal, or by default the console
    String page = "portal".equals(request.getParameter("to")) ? "/portal/" : "/console/";
    String back = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + page;
    String keycloak = System.getenv().getOrDefault("BATON_OIDC_URL", "http://localhost:8180");
    response.sendRedirect(keycloak + "/realms/baton/protocol/openid-connect/logout?client_id=baton-console"
        + "&post_logout_redirect_uri=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    doGet(request, response);
  }
}
