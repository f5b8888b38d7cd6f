package dev.baton.portal;

import dev.baton.tms.TerminalManagement;
import dev.baton.tms.packages.ObjectStores;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/**
 * The terminal management services, built once on Baton's datasource and the server's object
 * store (the same S3 store or folder the terminal API serves packages from, see {@link
 * ObjectStores}). The portal takes no check-ins, so it starts no check-in writer.
 */
@ApplicationScoped
public class PortalServices {

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  private TerminalManagement tms;

  @PostConstruct
  void start() {
    tms = new TerminalManagement(dataSource, ObjectStores.ofServer());
  }

  @PreDestroy
  void stop() {
    ObjectStores.close(tms.packages().store());
  }

  public TerminalManagement tms() {
    return tms;
  }
}
