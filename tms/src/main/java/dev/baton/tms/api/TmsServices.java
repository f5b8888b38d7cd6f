package dev.baton.tms.api;

import dev.baton.tms.db.Transactions;
import dev.baton.tms.deployment.Deployments;
import dev.baton.tms.device.Activation;
import dev.baton.tms.device.CheckIns;
import dev.baton.tms.device.RateLimiter;
import dev.baton.tms.device.TerminalTasks;
import dev.baton.tms.enrolment.Enrolment;
import dev.baton.tms.packages.LocalFolderStore;
import dev.baton.tms.packages.SoftwarePackages;
import dev.baton.tms.parameters.ParameterProfiles;
import dev.baton.tms.terminal.FleetStructure;
import dev.baton.tms.terminal.Terminals;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The terminal management services of this server, built once on Baton's datasource.
 *
 * <p>System properties: {@code baton.tms.objects} (folder of the embedded object store, default
 * {@code <server data dir>/tms-objects}), {@code baton.tms.rate.per-minute} (60) and
 * {@code baton.tms.rate.burst} (20) per terminal, {@code baton.tms.checkin.writers} (4).
 */
@ApplicationScoped
public class TmsServices {

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @Resource
  private ManagedThreadFactory threads;

  private Transactions transactions;
  private SoftwarePackages packages;
  private CheckIns checkIns;
  private RateLimiter rateLimiter;

  @PostConstruct
  void start() {
    transactions = new Transactions(dataSource);
    Path objects = Path.of(System.getProperty("baton.tms.objects", Path.of(System.getProperty("jboss.server.data.dir", "."), "tms-objects").toString()));
    packages = new SoftwarePackages(transactions, new LocalFolderStore(objects));
    checkIns = new CheckIns(dataSource, Integer.getInteger("baton.tms.checkin.writers", 4), threads);
    rateLimiter = new RateLimiter(Integer.getInteger("baton.tms.rate.burst", 20), Integer.getInteger("baton.tms.rate.per-minute", 60), System::nanoTime);
  }

  @PreDestroy
  void stop() {
    checkIns.close();
  }

  public Transactions transactions() {
    return transactions;
  }

  public Enrolment enrolment() {
    return new Enrolment(transactions);
  }

  public FleetStructure fleet() {
    return new FleetStructure(transactions);
  }

  public Terminals terminals() {
    return new Terminals(transactions);
  }

  public ParameterProfiles profiles() {
    return new ParameterProfiles(transactions);
  }

  public SoftwarePackages packages() {
    return packages;
  }

  public Deployments deployments() {
    return new Deployments(transactions, packages);
  }

  public Activation activation() {
    return new Activation(transactions);
  }

  public TerminalTasks tasks() {
    return new TerminalTasks(transactions, packages.store());
  }

  public CheckIns checkIns() {
    return checkIns;
  }

  public RateLimiter rateLimiter() {
    return rateLimiter;
  }
}
