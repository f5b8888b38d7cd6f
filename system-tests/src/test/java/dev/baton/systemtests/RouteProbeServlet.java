package dev.baton.systemtests;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.infinispan.Cache;

/**
 * Deployed by the topology test beside Baton on two servers: PUT writes a route into the
 * clustered {@code routes} cache of the server it runs on, GET reads it back there.
 */
@WebServlet("/routes/*")
public class RouteProbeServlet extends HttpServlet {

  @Resource(lookup = "java:jboss/infinispan/cache/baton/routes")
  private Cache<String, String> routes;

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
    routes.put(bank(request), new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("text/plain");
    if (request.getPathInfo() == null || request.getPathInfo().equals("/")) {
      response.getWriter().write("route probe"); // deployed and answering
      return;
    }
    String node = routes.get(bank(request));
    if (node == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND, "no route for " + bank(request));
      return;
    }
    response.getWriter().write(node);
  }

  private static String bank(HttpServletRequest request) {
    return request.getPathInfo().substring(1);
  }
}
