package dev.baton.cluster;


import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Readiness of this server's part in the cluster: up once Baton's cache container answers, with
 * the view size and members as data so an operator (or a test) sees a split at a glance.
 *
 * <p>It ships in the EAR's lib folder (the {@code cluster} jar of this module): WildFly's health
 * subsystem looks for checks with the EAR's bean manager, which sees libraries but not modules.
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

  @Resource(lookup = "java:jboss/infinispan/container/baton")
  private EmbeddedCacheManager cacheManager;

  @Override
  public HealthCheckResponse call() {
    ClusterView view = currentView();
    return HealthCheckResponse.named("baton-cluster")
        .up()
        .withData("role", System.getProperty("baton.role", "unknown"))
        .withData("clusterSize", view.size())
        .withData("clusterExpected", view.expected())
        .withData("clusterComplete", view.complete())
        .withData("members", String.join(",", view.members()))
        .build();
  }

  private ClusterView currentView() {
    // A container without a transport (not clustered) has no member list; it is alone.
    List<String> members =
        cacheManager.getMembers() == null
            ? List.of(System.getProperty("jboss.node.name", "this server"))
            : cacheManager.getMembers().stream().map(Object::toString).toList();
    int expected = Integer.getInteger("baton.cluster.expected", 3);
    return new ClusterView(members, expected);
  }
}
