package dev.baton.api;

import dev.baton.operations.UnknownItem;
import dev.baton.operations.sessions.SessionControl;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** An operator's hold on a bank session; each call is audited and answered 204 when done. */
@Path("sessions/{id}")
@RolesAllowed(Roles.OPERATOR)
public class SessionsResource {

  @EJB private SessionControl sessions;

  @Context private SecurityContext caller;

  @POST
  @Path("enable")
  public Response enable(@PathParam("id") String id) throws UnknownItem {
    sessions.enable(id, caller.getUserPrincipal().getName());
    return Response.noContent().build();
  }

  @POST
  @Path("disable")
  public Response disable(@PathParam("id") String id) throws UnknownItem {
    sessions.disable(id, caller.getUserPrincipal().getName());
    return Response.noContent().build();
  }

  @POST
  @Path("disconnect")
  public Response disconnect(@PathParam("id") String id) throws UnknownItem {
    sessions.disconnect(id, caller.getUserPrincipal().getName());
    return Response.noContent().build();
  }
}
