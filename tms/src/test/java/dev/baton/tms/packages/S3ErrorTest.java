package dev.baton.tms.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class S3ErrorTest {

  @Test
  void namesTheStoreTheOperationTheKeyTheCodeAndWhatToCheck() {
    assertEquals("S3 store http://s3:9000/b refused PUT of tms/a: HTTP 404 NoSuchBucket (The specified bucket does not exist, "
            + "request id 42); check baton.tms.s3.bucket",
        new S3Error(404, "NoSuchBucket", "The specified bucket does not exist", "42").toException("S3 store http://s3:9000/b", "PUT of", "tms/a")
            .getMessage());
  }

  @Test
  void saysWhatItCanOfAnAnswerWithoutABody() {
    assertEquals("S3 store s refused HEAD of k: HTTP 503; the store itself failed; try again, and look at the store's health if it goes on",
        new S3Error(503, null, null, null).toException("S3 store s", "HEAD of", "k").getMessage());
    assertEquals("S3 store s refused HEAD of k: HTTP 403; check baton.tms.s3.access-key and baton.tms.s3.secret-key, "
            + "and that the key may use the bucket",
        new S3Error(403, null, null, null).toException("S3 store s", "HEAD of", "k").getMessage());
  }

  @Test
  void pointsAtTheClockWhenTheStoreSaysItIsSkewed() {
    assertEquals("S3 store s refused GET of k: HTTP 403 RequestTimeTooSkewed; this server's clock and the store's differ by more than 15 minutes",
        new S3Error(403, "RequestTimeTooSkewed", null, null).toException("S3 store s", "GET of", "k").getMessage());
  }
}
