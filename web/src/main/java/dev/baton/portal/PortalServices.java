package dev.baton.portal;

import dev.baton.tms.TerminalManagement;
import dev.baton.tms.packages.LocalFolderStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/**
 * The terminal management services, built once on Baton's datasource and the server's object
 * store (system property {@code baton.tms.objects}, the folder the terminal API serves packages
 * from). The portal takes no check-ins, so it starts no check-in writer.
 */
@ApplicationScoped
public class PortalServices {

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  private TerminalManagement tms;

  @PostConstruct
  void start() {
    tms = new TerminalManagement(dataSource, LocalFolderStore.ofServer());
  }

  public TerminalManagement tms() {
    return tms;
  }
}
