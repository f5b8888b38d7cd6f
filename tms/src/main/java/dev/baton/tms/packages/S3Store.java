package dev.baton.tms.packages;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects in a bucket of any S3-compatible store, spoken to over its REST API with path-style
 * URLs ({@code <endpoint>/<bucket>/<prefix><key>}) and Signature Version 4.
 *
 * <p>An upload is first written to a temporary file, which gives its size and SHA-256, then sent
 * in one PUT whose signature covers that SHA-256: the store refuses bytes that do not match it,
 * and an S3 PUT makes the object appear whole or not at all, so a content stream or a connection
 * that fails half way leaves nothing under the key (and an older object there untouched). One PUT
 * takes at most 5 GiB, far beyond any terminal package or log; a larger upload is refused before
 * anything is sent, rather than split into a multipart upload.
 */
public final class S3Store implements ObjectStore, AutoCloseable {

  /** The most one S3 PUT takes. */
  static final long SINGLE_PUT_LIMIT = 5L << 30;

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * Where the bucket is and the credentials to reach it.
   *
   * @param prefix prepended to every key, empty or a key-like path; a slash is added when missing
   */
  public record Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey, String prefix) {

    public Settings {
      if (endpoint == null || endpoint.getHost() == null || !List.of("http", "https").contains(endpoint.getScheme())) {
        throw new IllegalArgumentException("the S3 store's endpoint must be an http:// or https:// URL, not " + endpoint);
      }
      require(region, "region");
      require(bucket, "bucket");
      require(accessKey, "access key");
      require(secretKey, "secret key");
      prefix = prefix == null || prefix.isBlank() ? "" : ObjectKey.require(prefix.strip().replaceAll("/+$", "")) + "/";
    }

    /** How messages name the store: its endpoint and bucket. */
    public String name() {
      return "S3 store " + endpoint.toString().replaceAll("/+$", "") + "/" + bucket;
    }

    // A record shows every component; this one must not show the secret key.
    @Override
    public String toString() {
      return name() + " (region " + region + ", access key " + accessKey + ", prefix '" + prefix + "')";
    }

    private static void require(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("the S3 store needs its " + what);
      }
    }
  }

  private final Settings settings;
  private final SignatureV4 signer;
  private final Path spool;
  private final HttpClient http;

  /** @param spool the folder where uploads wait while their size and SHA-256 are computed */
  public S3Store(Settings settings, Path spool) {
    this.settings = settings;
    this.signer = new SignatureV4(settings.region(), settings.accessKey(), settings.secretKey());
    this.spool = spool;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public Stored put(String key, InputStream content) throws IOException {
    String object = object(key);
    try (SpooledUpload upload = spool(object, content)) {
      HttpResponse<InputStream> response =
          send("PUT", object, HttpRequest.BodyPublishers.ofFile(upload.file()), upload.sha256(), Map.of());
      if (response.statusCode() / 100 != 2) {
        throw refused(response, "PUT of", object);
      }
      response.body().close();
      return upload.stored();
    }
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    String object = object(key);
    if (length <= 0) {
      // A Range of no bytes cannot be written; the object must still be there.
      size(key);
      return InputStream.nullInputStream();
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    HttpResponse<InputStream> response = send("GET", object, HttpRequest.BodyPublishers.noBody(), SignatureV4.EMPTY_PAYLOAD,
        Map.of("range", range));
    return switch (response.statusCode()) {
      case 206 -> response.body();
      case 200 -> {
        // A store that ignores Range sends the whole object: skip to the range and stop at its end.
        InputStream body = response.body();
        try {
          body.skipNBytes(offset);
        } catch (IOException e) {
          body.close();
          throw e;
        }
        yield new BoundedInputStream(body, length);
      }
      case 404 -> throw notFound(response, "GET of", object);
      default -> throw refused(response, "GET " + range + " of", object);
    };
  }

  @Override
  public long size(String key) throws IOException {
    String object = object(key);
    HttpResponse<InputStream> response = send("HEAD", object, HttpRequest.BodyPublishers.noBody(), SignatureV4.EMPTY_PAYLOAD, Map.of());
    return switch (response.statusCode()) {
      case 200 -> {
        response.body().close();
        yield response.headers().firstValueAsLong("content-length")
            .orElseThrow(() -> new IOException(settings.name() + " sent no Content-Length for " + object));
      }
      case 404 -> throw notFound(response, "HEAD of", object);
      default -> throw refused(response, "HEAD of", object);
    };
  }

  /** Deleting an object that is not there is not an error, as S3 itself has it. */
  @Override
  public void delete(String key) throws IOException {
    String object = object(key);
    HttpResponse<InputStream> response = send("DELETE", object, HttpRequest.BodyPublishers.noBody(), SignatureV4.EMPTY_PAYLOAD, Map.of());
    if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
      throw refused(response, "DELETE of", object);
    }
    response.body().close();
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return settings.toString();
  }

  private SpooledUpload spool(String object, InputStream content) throws IOException {
    try {
      return SpooledUpload.write(content, spool, SINGLE_PUT_LIMIT);
    } catch (IOException e) {
      throw new IOException(settings.name() + ": upload of " + object + " failed before anything was sent: " + e.getMessage(), e);
    }
  }

  private HttpResponse<InputStream> send(
      String method, String object, HttpRequest.BodyPublisher body, String payloadHash, Map<String, String> extra) throws IOException {
    String path = path(object);
    Map<String, String> headers = new LinkedHashMap<>(extra);
    headers.put("host", host(settings.endpoint()));
    headers.put("x-amz-date", SignatureV4.timestamp(Instant.now()));
    headers.put("x-amz-content-sha256", payloadHash);
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint().resolve(path)).method(method, body);
    if (!"PUT".equals(method)) {
      // Until the response starts; a PUT of a large package may take longer to send.
      request.timeout(TIMEOUT);
    }
    // The client writes Host itself, from the URI, as host() computes it for the signature.
    headers.forEach((name, value) -> {
      if (!"host".equals(name)) {
        request.header(name, value);
      }
    });
    request.header("authorization", signer.authorization(method, path, headers, payloadHash));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(settings.name() + ": " + method + " of " + object + " interrupted");
    } catch (IOException e) {
      throw S3Error.unreachable(settings.name(), method + " of", object, e);
    }
  }

  private IOException refused(HttpResponse<InputStream> response, String operation, String object) throws IOException {
    return S3Error.read(response).toException(settings.name(), operation, object);
  }

  // A 404 names a missing object, unless the bucket itself is missing: that is the store's set-up.
  private IOException notFound(HttpResponse<InputStream> response, String operation, String object) throws IOException {
    S3Error error = S3Error.read(response);
    if ("NoSuchBucket".equals(error.code())) {
      return error.toException(settings.name(), operation, object);
    }
    return new FileNotFoundException(settings.name() + " has no object " + object);
  }

  /** The key in the bucket: the prefix, then the key as the object store's callers know it. */
  private String object(String key) {
    return settings.prefix() + ObjectKey.require(key);
  }

  // The canonical path, encoded once: the same string is signed and sent.
  private String path(String object) {
    String base = settings.endpoint().getRawPath() == null ? "" : settings.endpoint().getRawPath().replaceAll("/+$", "");
    return base + SignatureV4.encodePath("/" + settings.bucket() + "/" + object);
  }

  // As the HTTP client writes it: the port only when it is not the scheme's default.
  private static String host(URI endpoint) {
    int port = endpoint.getPort();
    boolean defaultPort = port == -1 || ("http".equals(endpoint.getScheme()) && port == 80)
        || ("https".equals(endpoint.getScheme()) && port == 443);
    return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
  }
}
