package dev.baton.tms.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "GET Object" example of the S3 Signature Version 4 documentation, step by step. */
class SignatureV4Test {

  private static final Map<String, String> HEADERS = Map.of(
      "Host", "examplebucket.s3.amazonaws.com",
      "Range", "bytes=0-9",
      "x-amz-content-sha256", SignatureV4.EMPTY_PAYLOAD,
      "x-amz-date", "20130524T000000Z");

  @Test
  void buildsTheCanonicalRequestOfTheExample() {
    assertEquals("""
        GET
        /test.txt

        host:examplebucket.s3.amazonaws.com
        range:bytes=0-9
        x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        x-amz-date:20130524T000000Z

        host;range;x-amz-content-sha256;x-amz-date
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""",
        SignatureV4.canonicalRequest("GET", "/test.txt", HEADERS, SignatureV4.EMPTY_PAYLOAD));
  }

  @Test
  void hashesItIntoTheStringToSignOfTheExample() {
    String canonical = SignatureV4.canonicalRequest("GET", "/test.txt", HEADERS, SignatureV4.EMPTY_PAYLOAD);
    assertEquals("""
        AWS4-HMAC-SHA256
        20130524T000000Z
        20130524/us-east-1/s3/aws4_request
        7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972""",
        SignatureV4.stringToSign("20130524T000000Z", "20130524/us-east-1/s3/aws4_request", canonical));
  }

  @Test
  void signsTheExampleWithItsPublishedSignature() {
    SignatureV4 signer = new SignatureV4("us-east-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        signer.authorization("GET", "/test.txt", HEADERS, SignatureV4.EMPTY_PAYLOAD));
  }

  @Test
  void stampsRequestsInUtc() {
    assertEquals("20130524T000000Z", SignatureV4.timestamp(Instant.parse("2013-05-24T00:00:00Z")));
  }

  @Test
  void encodesEverythingButUnreservedCharactersAndSlashes() {
    assertEquals("/bucket/test%24file.text", SignatureV4.encodePath("/bucket/test$file.text"));
    assertEquals("/a%20b/%C3%A9~-._", SignatureV4.encodePath("/a b/é~-._"));
  }
}
