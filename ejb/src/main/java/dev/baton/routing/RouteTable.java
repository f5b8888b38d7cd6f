package dev.baton.routing;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.Optional;
import org.infinispan.Cache;

/**
 * Bank to node routes, shared by the cluster. Started with the application so that every server
 * holds a replica of the cache from the moment it is up.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RouteTable {

  @Resource(lookup = "java:jboss/infinispan/cache/baton/routes")
  private Cache<String, String> routes;

  /** The node serving {@code bankId}, if it has a route. */
  public Optional<NodeId> nodeFor(String bankId) {
    return Optional.ofNullable(routes.get(bankId)).map(NodeId::parse);
  }

  /** Routes {@code bankId} to {@code node} unless the cluster has a route for it already. */
  public void assignIfAbsent(String bankId, NodeId node) {
    routes.putIfAbsent(bankId, node.name());
  }
}
