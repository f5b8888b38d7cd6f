package dev.baton.api;

import dev.baton.operations.UnknownItem;
import dev.baton.operations.status.NodeSample;
import dev.baton.operations.status.NodeStatus;
import dev.baton.operations.status.OperationsStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The processing nodes as the edge sees them. */
@Path("nodes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class NodesResource {

  @EJB private OperationsStatus status;

  @GET
  public List<NodeStatus> nodes() {
    return status.nodes();
  }

  /** The node's last ten minutes, one sample a second: answers per second and mean latency. */
  @GET
  @Path("{id}/history")
  public List<NodeSample> history(@PathParam("id") String id) throws UnknownItem {
    if (!"A".equals(id) && !"B".equals(id)) {
      throw new UnknownItem("no node " + id + "; the nodes are A and B");
    }
    return status.history(id);
  }
}
