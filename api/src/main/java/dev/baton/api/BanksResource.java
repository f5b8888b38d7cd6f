package dev.baton.api;

import dev.baton.operations.UnknownItem;
import dev.baton.operations.status.BankStatus;
import dev.baton.operations.status.OperationsStatus;
import dev.baton.switchover.BankMoves;
import dev.baton.switchover.MoveRefusedException;
import dev.baton.switchover.MoveResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * Every bank with its sessions and node, and the moves between the nodes: each answers when done,
 * with its duration and the in-flight contexts handed over. A refused move changes nothing: 404
 * for an unknown bank, 409 for a node that is not UP.
 */
@Path("banks")
@Produces(MediaType.APPLICATION_JSON)
public class BanksResource {

  @EJB private OperationsStatus status;

  @EJB private BankMoves moves;

  @Context private SecurityContext caller;

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public List<BankStatus> banks() {
    return status.banks();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public BankStatus bank(@PathParam("id") String id) throws UnknownItem {
    return status.bank(id).orElseThrow(() -> new UnknownItem("no bank " + id));
  }

  @POST
  @Path("{id}/move")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.OPERATOR)
  public Response move(@PathParam("id") String id, String body) {
    String to = MoveTarget.parse(body);
    try {
      MoveResult result = moves.move(id, to, caller.getUserPrincipal().getName());
      if (MoveResult.ROLLED_BACK.equals(result.outcome())) {
        return Problem.of(503, "Service Unavailable", "bank " + id + " stays on node " + result.to() + ": node " + to
            + " did not take its in-flight authorizations in time, so the move was rolled back; nothing was lost,"
            + " the move may be tried again");
      }
      return Response.ok(result).build();
    } catch (MoveRefusedException refused) {
      return refusal(refused);
    }
  }

  @POST
  @Path("move-all")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.OPERATOR)
  public Response moveAll(String body) {
    String to = MoveTarget.parse(body);
    try {
      List<MoveResult> results = moves.moveAll(to, caller.getUserPrincipal().getName());
      return Response.ok(results).build();
    } catch (MoveRefusedException refused) {
      return refusal(refused);
    }
  }

  private static Response refusal(MoveRefusedException refused) {
    return switch (refused.reason()) {
      case UNKNOWN_BANK -> Problem.of(404, "Not found", refused.getMessage());
      case BAD_NODE -> Problem.of(400, "Bad request", refused.getMessage());
      case NODE_NOT_UP -> Problem.of(409, "Conflict", refused.getMessage());
    };
  }
}
