package dev.baton.tms.packages;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The object store a server's properties choose, the same for the terminal API and the portal so
 * that what one stores the other finds: an S3-compatible store when {@code baton.tms.s3.endpoint}
 * is set ({@code .bucket}, {@code .region} (us-east-1), {@code .access-key}, {@code .secret-key},
 * {@code .prefix}), else the folder {@code baton.tms.objects} (default {@code <server data
 * dir>/tms-objects}).
 */
public final class ObjectStores {

  private static final Logger LOG = System.getLogger(ObjectStores.class.getName());

  private ObjectStores() {}

  /** The store this server's system properties choose. */
  public static ObjectStore ofServer() {
    return fromProperties(System::getProperty);
  }

  /**
   * The store {@code property} chooses.
   *
   * @throws IllegalArgumentException when the S3 settings are incomplete, naming what is missing
   */
  public static ObjectStore fromProperties(UnaryOperator<String> property) {
    String endpoint = property.apply("baton.tms.s3.endpoint");
    if (endpoint == null || endpoint.isBlank()) {
      String data = Objects.requireNonNullElse(property.apply("jboss.server.data.dir"), ".");
      return new LocalFolderStore(Path.of(Objects.requireNonNullElse(property.apply("baton.tms.objects"),
          Path.of(data, "tms-objects").toString())));
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

  /** Lets go of what {@code store} holds (an S3 store's HTTP client); nothing for a folder. */
  public static void close(ObjectStore store) {
    if (store instanceof S3Store s3) {
      s3.close();
    }
  }

  private static String required(UnaryOperator<String> property, String name) {
    String value = property.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("baton.tms.s3.endpoint is set, so " + name + " must be set too");
    }
    return value.strip();
  }
}
