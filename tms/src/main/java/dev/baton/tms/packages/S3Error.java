package dev.baton.tms.packages;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request an S3 store refused: its HTTP status and, from the XML body when there is one, the S3
 * error code, message and request id. Turned into an exception an operator can act on: which
 * store, which operation on which key, what the store said, and what to check.
 */
record S3Error(int status, String code, String message, String requestId) {

  private static final int MOST_READ = 16 * 1024;

  /** Reads the error out of {@code response} and closes its body. */
  static S3Error read(HttpResponse<InputStream> response) throws IOException {
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readNBytes(MOST_READ), StandardCharsets.UTF_8);
    }
    return new S3Error(response.statusCode(), element(body, "Code"), element(body, "Message"), element(body, "RequestId"));
  }

  IOException toException(String store, String operation, String key) {
    StringBuilder text = new StringBuilder(store).append(" refused ").append(operation).append(' ').append(key)
        .append(": HTTP ").append(status);
    if (code != null) {
      text.append(' ').append(code);
    }
    if (message != null || requestId != null) {
      text.append(" (").append(message == null ? "" : message)
          .append(requestId == null ? "" : (message == null ? "" : ", ") + "request id " + requestId).append(')');
    }
    String hint = hint();
    if (hint != null) {
      text.append("; ").append(hint);
    }
    return new IOException(text.toString());
  }

  /** The store could not be asked at all: refused connection, unknown host, timeout. */
  static IOException unreachable(String store, String operation, String key, IOException cause) {
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return new IOException(store + " could not be reached for " + operation + " " + key + " (" + reason
        + "); check baton.tms.s3.endpoint and that the store is up", cause);
  }

  private String hint() {
    if ((code == null && status == 403) || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
      return "check baton.tms.s3.access-key and baton.tms.s3.secret-key, and that the key may use the bucket";
    }
    if ("AccessDenied".equals(code)) {
      return "the access key may not do this in the bucket: check its policy";
    }
    if ("RequestTimeTooSkewed".equals(code)) {
      return "this server's clock and the store's differ by more than 15 minutes";
    }
    if ("NoSuchBucket".equals(code)) {
      return "check baton.tms.s3.bucket";
    }
    if ("AuthorizationHeaderMalformed".equals(code)) {
      return "check baton.tms.s3.region";
    }
    if (status >= 500) {
      return "the store itself failed; try again, and look at the store's health if it goes on";
    }
    return null;
  }

  private static String element(String xml, String name) {
    Matcher matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    return matcher.find() ? unescape(matcher.group(1).strip()) : null;
  }

  private static String unescape(String text) {
    return text.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
