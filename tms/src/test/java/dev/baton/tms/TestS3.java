package dev.baton.tms;

import dev.baton.tms.packages.S3Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An S3-compatible server for the tests: S3Proxy on a free loopback port, over jclouds' in-memory
 * blob store, checking AWS Signature Version 4 with a key pair of its own. Started once per test
 * run, when a test first asks for a {@link Bucket}, and stopped when the run ends. Each test makes
 * its stores under a prefix of its own, so tests share no objects.
 */
public final class TestS3 implements ParameterResolver {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  /** The bucket the server holds, and what a client needs to reach it. */
  public record Bucket(URI endpoint, String name, String accessKey, String secretKey, Server server) {

    /** A store under a new prefix, signing with the server's key pair. */
    public S3Store newStore() {
      return store(newPrefix(), secretKey);
    }

    /** A store under {@code prefix}, signing with {@code secret}. */
    public S3Store store(String prefix, String secret) {
      return new S3Store(new S3Store.Settings(endpoint, "us-east-1", name, accessKey, secret, prefix), server.spool);
    }

    public static String newPrefix() {
      return "tests/" + UUID.randomUUID();
    }

    /** How many objects the bucket holds under {@code prefix}, read on the server's side. */
    public long objectsUnder(String prefix) {
      return server.context.getBlobStore().list(name, ListContainerOptions.Builder.prefix(prefix + "/").recursive()).size();
    }

    /** The temporary files of uploads the stores have not yet cleaned up. */
    public long spooledUploads() throws IOException {
      try (var files = Files.list(server.spool)) {
        return files.count();
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Bucket.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Server.class, key -> Server.start(), Server.class)
        .bucket;
  }

  /** The running S3Proxy. */
  public static final class Server implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final Path spool;
    private final Bucket bucket;

    private Server(BlobStoreContext context, S3Proxy proxy, Path spool, String accessKey, String secretKey) {
      this.context = context;
      this.proxy = proxy;
      this.spool = spool;
      this.bucket = new Bucket(URI.create("http://127.0.0.1:" + proxy.getPort()), "tms-objects", accessKey, secretKey, this);
    }

    static Server start() {
      String accessKey = "baton-tests";
      String secretKey = "tests-only-" + UUID.randomUUID();
      BlobStoreContext context = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
      context.getBlobStore().createContainerInLocation(null, "tms-objects");
      try {
        S3Proxy proxy = S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
            .build();
        proxy.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!"STARTED".equals(proxy.getState())) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT + ", state " + proxy.getState());
          }
          LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return new Server(context, proxy, Files.createTempDirectory("tms-s3-spool"), accessKey, secretKey);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the tests' S3 server", e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the tests' S3 server", e);
      }
    }

    @Override
    public void close() throws Exception {
      proxy.stop();
      context.close();
      Files.deleteIfExists(spool);
    }
  }
}
