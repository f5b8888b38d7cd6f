package dev.baton.api;

import dev.baton.operations.InvalidConfiguration;
import dev.baton.operations.UnknownItem;
import dev.baton.operations.configuration.BankConfiguration;
import dev.baton.operations.configuration.BankSettings;
import dev.baton.operations.configuration.BinRange;
import dev.baton.operations.configuration.CorrectionConfiguration;
import dev.baton.operations.configuration.FieldCorrection;
import dev.baton.operations.configuration.SessionConfiguration;
import dev.baton.operations.configuration.SessionSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * Banks, sessions, BIN ranges and field correction rules, for an administrator. A change is
 * checked field by field (400 with a message per field under {@code fields}), audited, and taken
 * up without a restart.
 */
@Path("configuration")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ConfigurationResource {

  @EJB private BankConfiguration banks;
  @EJB private SessionConfiguration sessions;
  @EJB private CorrectionConfiguration corrections;

  @Context private SecurityContext caller;

  @GET
  @Path("banks")
  public List<BankSettings> banks() {
    return banks.banks();
  }

  @PUT
  @Path("banks/{id}")
  public BankSettings saveBank(@PathParam("id") String id, BankSettings bank) throws InvalidConfiguration {
    return banks.saveBank(sameId(id, required(bank).id(), bank), actor());
  }

  @DELETE
  @Path("banks/{id}")
  public Response deleteBank(@PathParam("id") String id) throws UnknownItem, InvalidConfiguration {
    banks.deleteBank(id, actor());
    return Response.noContent().build();
  }

  @GET
  @Path("sessions")
  public List<SessionSettings> sessions() {
    return sessions.sessions();
  }

  @PUT
  @Path("sessions/{id}")
  public SessionSettings saveSession(@PathParam("id") String id, SessionSettings session) throws InvalidConfiguration {
    return sessions.save(sameId(id, required(session).id(), session), actor());
  }

  @DELETE
  @Path("sessions/{id}")
  public Response deleteSession(@PathParam("id") String id) throws UnknownItem {
    sessions.delete(id, actor());
    return Response.noContent().build();
  }

  @GET
  @Path("bin-ranges")
  public List<BinRange> binRanges() {
    return banks.binRanges();
  }

  @POST
  @Path("bin-ranges")
  public Response addBinRange(BinRange range) throws InvalidConfiguration {
    return Response.status(201).entity(banks.addBinRange(required(range), actor())).build();
  }

  @DELETE
  @Path("bin-ranges/{prefix}")
  public Response deleteBinRange(@PathParam("prefix") String prefix) throws UnknownItem {
    banks.deleteBinRange(prefix, actor());
    return Response.noContent().build();
  }

  @GET
  @Path("field-corrections")
  public List<FieldCorrection> fieldCorrections() {
    return corrections.rules();
  }

  @POST
  @Path("field-corrections")
  public Response addFieldCorrection(FieldCorrection rule) throws InvalidConfiguration, UnknownItem {
    if (required(rule).id() != null) {
      throw new BadRequest("a new rule has no id; PUT field-corrections/{id} replaces a rule");
    }
    return Response.status(201).entity(corrections.save(rule, actor())).build();
  }

  @PUT
  @Path("field-corrections/{id}")
  public FieldCorrection saveFieldCorrection(@PathParam("id") long id, FieldCorrection rule)
      throws InvalidConfiguration, UnknownItem {
    required(rule);
    if (rule.id() != null && rule.id() != id) {
      throw new BadRequest("the body's id " + rule.id() + " is not the path's " + id);
    }
    FieldCorrection withId = new FieldCorrection(id, rule.bankId(), rule.direction(), rule.position(), rule.action(),
        rule.field(), rule.value(), rule.fromField(), rule.padSide(), rule.padChar(), rule.padLength(), rule.enabled());
    return corrections.save(withId, actor());
  }

  @DELETE
  @Path("field-corrections/{id}")
  public Response deleteFieldCorrection(@PathParam("id") long id) throws UnknownItem {
    corrections.delete(id, actor());
    return Response.noContent().build();
  }

  private String actor() {
    return caller.getUserPrincipal().getName();
  }

  private static <T> T required(T body) {
    if (body == null) {
      throw new BadRequest("this call takes a JSON body");
    }
    return body;
  }

  private static <T> T sameId(String pathId, String bodyId, T body) {
    if (!pathId.equals(bodyId)) {
      throw new BadRequest("the body's id '" + bodyId + "' is not the path's '" + pathId + "'");
    }
    return body;
  }
}
