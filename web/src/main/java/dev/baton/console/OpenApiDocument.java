package dev.baton.console;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * The management API's OpenAPI 3 document at {@code /openapi}, open to anyone (it describes the
 * calls; each call still needs its token). JSON, which YAML readers take too.
 */
@WebServlet("/openapi")
public class OpenApiDocument extends HttpServlet {

  private static final String DOCUMENT = "openapi.json";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try (InputStream document = OpenApiDocument.class.getResourceAsStream(DOCUMENT)) {
      if (document == null) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND, "the OpenAPI document is missing from this build");
        return;
      }
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      document.transferTo(response.getOutputStream());
    }
  }
}
