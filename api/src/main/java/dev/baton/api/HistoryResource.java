package dev.baton.api;

import dev.baton.operations.audit.AuditEvent;
import dev.baton.operations.audit.AuditLog;
import dev.baton.operations.audit.HistoryFilter;
import dev.baton.operations.audit.SwitchoverRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The audit log (admin) and the history of bank moves (every console role), newest first, with
 * optional filters: {@code since} and {@code until} (ISO-8601 instants), {@code actor}, {@code
 * bank}, and {@code action} (audit) or {@code outcome} (moves) as a prefix.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

  @EJB private AuditLog audit;

  @GET
  @Path("audit")
  @RolesAllowed(Roles.ADMIN)
  public List<AuditEvent> audit(
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("bank") String bank) {
    return audit.events(new HistoryFilter(actor, action, bank, instant("since", since), instant("until", until)));
  }

  @GET
  @Path("switchovers")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public List<SwitchoverRecord> switchovers(
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("actor") String actor,
      @QueryParam("outcome") String outcome,
      @QueryParam("bank") String bank) {
    return audit.moves(new HistoryFilter(actor, outcome, bank, instant("since", since), instant("until", until)));
  }

  private static Instant instant(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new BadRequest("'" + name + "' is an ISO-8601 instant such as 2026-11-23T08:00:00Z, not '" + text + "'");
    }
  }
}
