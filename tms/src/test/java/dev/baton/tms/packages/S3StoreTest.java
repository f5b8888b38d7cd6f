package dev.baton.tms.packages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.tms.TestS3;
import dev.baton.tms.credential.Secrets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** S3Store against a real S3-compatible server (S3Proxy) that checks Signature Version 4. */
@ExtendWith(TestS3.class)
class S3StoreTest {

  private static final String KEY = "tenants/1/packages/firmware-2.1";

  @Test
  void storesBytesWithTheirSizeAndSha256AndReadsThemBackWhole(TestS3.Bucket s3) throws IOException {
    S3Store store = s3.newStore();
    byte[] content = bytes(300_000);

    ObjectStore.Stored stored = store.put(KEY, new ByteArrayInputStream(content));

    assertEquals(new ObjectStore.Stored(content.length, sha256(content)), stored);
    assertEquals(content.length, store.size(KEY));
    try (InputStream in = store.open(KEY, 0, content.length)) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  @Test
  void resumesADownloadFromTheMiddleWithARangeRequest(TestS3.Bucket s3) throws IOException {
    S3Store store = s3.newStore();
    byte[] content = bytes(100_000);
    String sha256 = store.put(KEY, new ByteArrayInputStream(content)).sha256();

    ByteArrayOutputStream download = new ByteArrayOutputStream();
    try (InputStream first = store.open(KEY, 0, content.length)) {
      download.write(first.readNBytes(37_123)); // the connection drops here
    }
    try (InputStream rest = store.open(KEY, 37_123, content.length - 37_123)) {
      rest.transferTo(download);
    }

    assertArrayEquals(content, download.toByteArray());
    assertEquals(sha256, sha256(download.toByteArray()), "the resumed download checks against the stored SHA-256");
    try (InputStream middle = store.open(KEY, 10, 5)) {
      assertArrayEquals(Arrays.copyOfRange(content, 10, 15), middle.readAllBytes(), "exactly the bytes of the range");
    }
  }

  @Test
  void storesAndReadsAnEmptyObject(TestS3.Bucket s3) throws IOException {
    S3Store store = s3.newStore();
    assertEquals(new ObjectStore.Stored(0, SignatureV4.EMPTY_PAYLOAD), store.put(KEY, InputStream.nullInputStream()));
    assertEquals(0, store.size(KEY));
    try (InputStream in = store.open(KEY, 0, 0)) {
      assertEquals(0, in.readAllBytes().length);
    }
  }

  @Test
  void replacesAnObjectAndDeletesIt(TestS3.Bucket s3) throws IOException {
    S3Store store = s3.newStore();
    store.put(KEY, new ByteArrayInputStream(new byte[] {1, 2, 3}));
    store.put(KEY, new ByteArrayInputStream(new byte[] {4, 5}));
    try (InputStream in = store.open(KEY, 0, 2)) {
      assertArrayEquals(new byte[] {4, 5}, in.readAllBytes());
    }

    store.delete(KEY);

    assertThrows(FileNotFoundException.class, () -> store.size(KEY));
    store.delete(KEY); // deleting what is gone is not an error, as in the local folder
  }

  @Test
  void reportsAMissingObjectAsNotFound(TestS3.Bucket s3) {
    S3Store store = s3.newStore();
    FileNotFoundException missing = assertThrows(FileNotFoundException.class, () -> store.size("nothing/here"));
    assertTrue(missing.getMessage().contains("nothing/here"), missing.getMessage());
    assertThrows(FileNotFoundException.class, () -> store.open("nothing/here", 0, 10));
  }

  @Test
  void anUploadWhoseStreamFailsHalfWayLeavesNoObjectAndTheOldOneIntact(TestS3.Bucket s3) throws IOException {
    String prefix = TestS3.Bucket.newPrefix();
    S3Store store = s3.store(prefix, s3.secretKey());
    IOException failed = assertThrows(IOException.class, () -> store.put("logs/new", failingAfter(50_000)));
    assertTrue(failed.getMessage().contains("terminal went away"), failed.getMessage());
    assertEquals(0, s3.objectsUnder(prefix), "no half object");

    store.put(KEY, new ByteArrayInputStream(new byte[] {1, 2, 3}));
    assertThrows(IOException.class, () -> store.put(KEY, failingAfter(70_000)));
    assertEquals(3, store.size(KEY), "the object already there is left as it was");
    assertEquals(0, s3.spooledUploads(), "no temporary file left behind");
  }

  @Test
  void aWrongSecretKeyIsRefusedWithAMessageNamingTheStoreTheKeyAndTheReason(TestS3.Bucket s3) {
    String wrongSecret = "not-the-secret-" + System.nanoTime();
    S3Store store = s3.store(TestS3.Bucket.newPrefix(), wrongSecret);

    IOException refused = assertThrows(IOException.class, () -> store.put(KEY, new ByteArrayInputStream(new byte[] {1})));

    String message = refused.getMessage();
    assertTrue(message.contains(s3.endpoint() + "/" + s3.name()), message);
    assertTrue(message.contains(KEY), message);
    assertTrue(message.contains("HTTP 403 SignatureDoesNotMatch"), message);
    assertTrue(message.contains("baton.tms.s3.secret-key"), message);
    assertFalse(message.contains(wrongSecret), "never the secret key: " + message);
    assertFalse(store.toString().contains(wrongSecret), store.toString());
    IOException head = assertThrows(IOException.class, () -> store.size(KEY));
    assertFalse(head instanceof FileNotFoundException, "a refusal is not a missing object: " + head);
    assertTrue(head.getMessage().contains("HTTP 403"), head.getMessage());
  }

  @Test
  void aStoreThatCannotBeReachedIsNamedWithTheEndpointToCheck(@TempDir Path spool) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + closedPort);
    S3Store store = new S3Store(new S3Store.Settings(endpoint, "us-east-1", "b", "k", "s", "p"), spool);

    IOException unreachable = assertThrows(IOException.class, () -> store.size(KEY));

    assertTrue(unreachable.getMessage().startsWith("S3 store " + endpoint + "/b could not be reached for HEAD of p/" + KEY), unreachable.getMessage());
    assertTrue(unreachable.getMessage().contains("baton.tms.s3.endpoint"), unreachable.getMessage());
  }

  @Test
  void refusesKeysThatCouldLeaveItsPrefix(@TempDir Path spool) {
    S3Store store = new S3Store(new S3Store.Settings(URI.create("http://127.0.0.1:1"), "us-east-1", "b", "k", "s", "p"), spool);
    assertThrows(IllegalArgumentException.class, () -> store.put("../etc/passwd", InputStream.nullInputStream()));
    assertThrows(IllegalArgumentException.class, () -> store.size("/abs"));
    assertThrows(IllegalArgumentException.class, () -> store.open("a/../../b", 0, 1));
  }

  /** A stream that gives {@code size} bytes, then fails at every read. */
  private static InputStream failingAfter(int size) {
    return new InputStream() {
      private int given;

      @Override
      public int read() throws IOException {
        if (given >= size) {
          throw new IOException("terminal went away");
        }
        given++;
        return 7;
      }
    };
  }

  private static byte[] bytes(int size) {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    return content;
  }

  private static String sha256(byte[] content) {
    return HexFormat.of().formatHex(Secrets.sha256().digest(content));
  }
}
