package dev.baton.tms.api;

import dev.baton.tms.TerminalManagement;
import dev.baton.tms.device.CheckIns;
import dev.baton.tms.device.RateLimiter;
import dev.baton.tms.packages.ObjectStores;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.sql.DataSource;

/**
 * The terminal management services of this server, built once on Baton's datasource, with the
 * check-in writers and the terminals' rate limit that only this API needs.
 *
 * <p>System properties: the object store's (see {@link ObjectStores}), {@code baton.tms.rate.per-minute} (60) and
 * {@code baton.tms.rate.burst} (20) per terminal, {@code baton.tms.checkin.writers} (4).
 */
@ApplicationScoped
public class TmsServices {

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @Resource
  private ManagedThreadFactory threads;

  private TerminalManagement management;
  private CheckIns checkIns;
  private RateLimiter rateLimiter;

  @PostConstruct
  void start() {
    management = new TerminalManagement(dataSource, ObjectStores.ofServer());
    checkIns = new CheckIns(dataSource, Integer.getInteger("baton.tms.checkin.writers", 4), threads);
    rateLimiter = new RateLimiter(Integer.getInteger("baton.tms.rate.burst", 20), Integer.getInteger("baton.tms.rate.per-minute", 60), System::nanoTime);
  }

  @PreDestroy
  void stop() {
    checkIns.close();
    ObjectStores.close(management.packages().store());
  }

  /** The services, for the resources to inject. */
  @Produces
  public TerminalManagement management() {
    return management;
  }

  public CheckIns checkIns() {
    return checkIns;
  }

  public RateLimiter rateLimiter() {
    return rateLimiter;
  }
}
