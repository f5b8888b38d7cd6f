package dev.baton.api;

import dev.baton.operations.InvalidConfiguration;
import dev.baton.operations.UnknownItem;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Every failure of a call becomes a problem+json answer with a status and a detail that says why. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = System.getLogger(ProblemMapper.class.getName());

  @Override
  public Response toResponse(Throwable failure) {
    Throwable cause = failure instanceof EJBException && failure.getCause() != null ? failure.getCause() : failure;
    return switch (cause) {
      case UnknownItem unknown -> Problem.of(404, "Not found", unknown.getMessage());
      case InvalidConfiguration invalid ->
          Problem.of(400, "Invalid configuration", invalid.getMessage(), invalid.fieldErrors());
      case BadRequest bad -> Problem.of(400, "Bad request", bad.getMessage());
      case ForbiddenException forbidden ->
          Problem.of(403, "Forbidden", "your roles do not allow this call");
      case NotAuthorizedException unauthorized ->
          Problem.of(401, "Unauthorized", "a bearer token from Keycloak is required");
      case WebApplicationException web -> {
        int status = web.getResponse().getStatus();
        String detail = status >= 500 ? web.getMessage() : describe(status, web);
        yield Problem.of(status, web.getResponse().getStatusInfo().getReasonPhrase(), detail);
      }
      default -> {
        if (isJsonProblem(cause)) {
          yield Problem.of(400, "Bad request", "the body is not the JSON this call takes: " + cause.getMessage());
        }
        LOG.log(Level.ERROR, "management API call failed", cause);
        yield Problem.of(500, "Internal error", cause.getMessage());
      }
    };
  }

  private static String describe(int status, WebApplicationException web) {
    return switch (status) {
      case 404 -> "no such resource";
      case 405 -> "this resource does not take that method";
      case 415 -> "send the body as application/json";
      case 406 -> "this resource answers application/json";
      default -> web.getMessage();
    };
  }

  private static boolean isJsonProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.startsWith("jakarta.json") || name.contains("Jsonb") || t instanceof jakarta.ws.rs.ProcessingException) {
        return true;
      }
    }
    return false;
  }
}
