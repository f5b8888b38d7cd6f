package dev.baton.tms.api;

import dev.baton.tms.db.Transactions;
import dev.baton.tms.deployment.Deployments;
import dev.baton.tms.device.Activation;
import dev.baton.tms.device.CheckIns;
import dev.baton.tms.device.RateLimiter;
import dev.baton.tms.device.TerminalTasks;
import dev.baton.tms.enrolment.Enrolment;
import dev.baton.tms.packages.LocalFolderStore;
import dev.baton.tms.packages.ObjectStore;
import dev.baton.tms.packages.S3Store;
import dev.baton.tms.packages.SoftwarePackages;
import dev.baton.tms.parameters.ParameterProfiles;
import dev.baton.tms.terminal.FleetStructure;
import dev.baton.tms.terminal.Terminals;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The terminal management services of this server, built once on Baton's datasource.
 *
 * <p>System properties: {@code baton.tms.objects} (folder of the embedded object store, default
 * {@code <server data dir>/tms-objects}); {@code baton.tms.s3.endpoint}, {@code .bucket},
 * {@code .region} ({@code us-east-1}), {@code .access-key}, {@code .secret-key} and {@code .prefix}
 * (an S3-compatible store instead of the folder, when the endpoint is set);
 * {@code baton.tms.rate.per-minute} (60) and
 * {@code baton.tms.rate.burst} (20) per terminal, {@code baton.tms.checkin.writers} (4).
 */
@ApplicationScoped
public class TmsServices {

  private static final Logger LOG = System.getLogger(TmsServices.class.getName());

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
    packages = new SoftwarePackages(transactions, objectStore(System::getProperty));
    checkIns = new CheckIns(dataSource, Integer.getInteger("baton.tms.checkin.writers", 4), threads);
    rateLimiter = new RateLimiter(Integer.getInteger("baton.tms.rate.burst", 20), Integer.getInteger("baton.tms.rate.per-minute", 60), System::nanoTime);
  }

  @PreDestroy
  void stop() {
    checkIns.close();
    if (packages.store() instanceof S3Store s3) {
      s3.close();
    }
  }

  /**
   * The object store the properties choose: an S3-compatible store when {@code
   * baton.tms.s3.endpoint} is set, the local folder otherwise.
   *
   * @throws IllegalArgumentException when the S3 settings are incomplete, naming what is missing
   */
  static ObjectStore objectStore(UnaryOperator<String> property) {
    String endpoint = property.apply("baton.tms.s3.endpoint");
    if (endpoint == null || endpoint.isBlank()) {
      String data = Objects.requireNonNullElse(property.apply("jboss.server.data.dir"), ".");
      return new LocalFolderStore(Path.of(Objects.requireNonNullElse(property.apply("baton.tms.objects"), Path.of(data, "tms-objects").toString())));
    }
    S3Store.Settings settings = new S3Store.Settings(
        URI.create(endpoint.strip()),
        Objects.requireNonNullElse(property.apply("baton.tms.s3.region"), "us-east-1"),
        required(property, "baton.tms.s3.bucket"),
        required(property, "baton.tms.s3.access-key"),
        required(property, "baton.tms.s3.secret-key"),
        property.apply("baton.tms.s3.prefix"));
    Path spool = Path.of(Objects.requireNonNullElse(property.apply("jboss.server.temp.dir"), System.getProperty("java.io.tmpdir")));
    LOG.log(Level.INFO, "terminal management objects in {0}, uploads spooled in {1}", settings, spool);
    return new S3Store(settings, spool);
  }

  private static String required(UnaryOperator<String> property, String name) {
    String value = property.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("baton.tms.s3.endpoint is set, so " + name + " must be set too");
    }
    return value.strip();
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
