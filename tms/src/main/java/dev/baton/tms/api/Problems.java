package dev.baton.tms.api;

import dev.baton.tms.db.DatabaseException;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.device.Unauthenticated;
import dev.baton.tms.packages.ByteRange;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;

/** How refusals reach the caller: a status and a JSON body saying what was wrong. */
public final class Problems {

  private static final Logger LOG = System.getLogger(Problems.class.getName());

  private Problems() {}

  static Response of(Response.Status status, Map<String, ?> body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  /** 404: not found for the caller's tenant (another tenant's rows included). */
  @Provider
  public static final class NotFoundMapper implements ExceptionMapper<NotFound> {
    @Override
    public Response toResponse(NotFound e) {
      return of(Response.Status.NOT_FOUND, Map.of("reason", e.getMessage()));
    }
  }

  /** 400 with the field at fault. */
  @Provider
  public static final class InvalidInputMapper implements ExceptionMapper<InvalidInput> {
    @Override
    public Response toResponse(InvalidInput e) {
      return of(Response.Status.BAD_REQUEST, Map.of("field", e.field(), "reason", e.reason()));
    }
  }

  /** 401 for a terminal whose code or credential was not accepted. */
  @Provider
  public static final class UnauthenticatedMapper implements ExceptionMapper<Unauthenticated> {
    @Override
    public Response toResponse(Unauthenticated e) {
      return Response.status(Response.Status.UNAUTHORIZED)
          .header("WWW-Authenticate", "Basic realm=\"terminals\"")
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("reason", e.getMessage()))
          .build();
    }
  }

  /** 416 for a download range past the end. */
  @Provider
  public static final class UnsatisfiableMapper implements ExceptionMapper<ByteRange.Unsatisfiable> {
    @Override
    public Response toResponse(ByteRange.Unsatisfiable e) {
      return Response.status(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE)
          .header("Content-Range", "bytes */" + e.size())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("reason", e.getMessage()))
          .build();
    }
  }

  /** 500, logged; the caller learns only that the database failed. */
  @Provider
  public static final class DatabaseMapper implements ExceptionMapper<DatabaseException> {
    @Override
    public Response toResponse(DatabaseException e) {
      LOG.log(Level.ERROR, "terminal management database failure", e);
      return of(Response.Status.INTERNAL_SERVER_ERROR, Map.of("reason", "the database failed; nothing was changed"));
    }
  }
}
