package dev.baton.tms.packages;

import dev.baton.tms.credential.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 of S3 requests, in the {@code Authorization} header: a canonical form of
 * the request, hashed into a string to sign with the date and scope, signed with HMAC-SHA256 under
 * a key derived from the secret key, the day, the region and the service.
 */
final class SignatureV4 {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  /** The SHA-256 of an empty payload, sent by requests without a body. */
  static final String EMPTY_PAYLOAD = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String region;
  private final String accessKey;
  private final String secretKey;

  SignatureV4(String region, String accessKey, String secretKey) {
    this.region = region;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** The {@code x-amz-date} value of a request signed at {@code instant}. */
  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /**
   * The {@code Authorization} header of a request.
   *
   * @param canonicalUri the path as sent, each segment already encoded (see {@link #encodePath})
   * @param headers every header to sign, {@code host}, {@code x-amz-date} and
   *     {@code x-amz-content-sha256} among them
   * @param payloadHash the hex SHA-256 of the body, or {@code UNSIGNED-PAYLOAD}
   */
  String authorization(String method, String canonicalUri, Map<String, String> headers, String payloadHash) {
    SortedMap<String, String> signed = canonicalHeaders(headers);
    String timestamp = signed.get("x-amz-date");
    String scope = timestamp.substring(0, 8) + "/" + region + "/s3/aws4_request";
    String toSign = stringToSign(timestamp, scope, canonicalRequest(method, canonicalUri, signed, payloadHash));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), timestamp.substring(0, 8));
    key = hmac(key, region);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    return ALGORITHM + " Credential=" + accessKey + "/" + scope + ",SignedHeaders=" + String.join(";", signed.keySet())
        + ",Signature=" + HexFormat.of().formatHex(hmac(key, toSign));
  }

  /** The canonical request: method, path, query (none here), headers, their names, payload hash. */
  static String canonicalRequest(String method, String canonicalUri, Map<String, String> headers, String payloadHash) {
    SortedMap<String, String> signed = canonicalHeaders(headers);
    String lines = signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
    return method + "\n" + canonicalUri + "\n" + "\n" + lines + "\n" + String.join(";", signed.keySet()) + "\n" + payloadHash;
  }

  static String stringToSign(String timestamp, String scope, String canonicalRequest) {
    String hash = HexFormat.of().formatHex(Secrets.sha256().digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    return ALGORITHM + "\n" + timestamp + "\n" + scope + "\n" + hash;
  }

  /**
   * A path as S3 canonicalises it: every byte but the unreserved characters of RFC 3986 and the
   * slashes between segments percent-encoded, in upper-case hex.
   */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  // Names in lower case, sorted; values trimmed, runs of spaces folded into one.
  private static SortedMap<String, String> canonicalHeaders(Map<String, String> headers) {
    SortedMap<String, String> canonical = new TreeMap<>();
    headers.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT), value.strip().replaceAll(" +", " ")));
    return canonical;
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
