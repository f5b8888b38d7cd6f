package dev.baton.tms.packages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderStoreTest {

  @Test
  void storesBytesWithTheirSha256AndReadsARangeBack(@TempDir Path root) throws IOException {
    LocalFolderStore store = new LocalFolderStore(root);
    byte[] content = "hello, terminal".getBytes(StandardCharsets.US_ASCII);
    ObjectStore.Stored stored = store.put("tenants/1/packages/a", new ByteArrayInputStream(content));
    assertEquals(15, stored.size());
    assertEquals(stored.sha256(), java.util.HexFormat.of().formatHex(
        dev.baton.tms.credential.Secrets.sha256().digest(content)));
    try (InputStream in = store.open("tenants/1/packages/a", 7, 8)) {
      assertArrayEquals("terminal".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
    }
  }

  @Test
  void refusesKeysThatCouldLeaveItsFolder(@TempDir Path root) {
    LocalFolderStore store = new LocalFolderStore(root);
    assertThrows(IllegalArgumentException.class, () -> store.put("../etc/passwd", InputStream.nullInputStream()));
    assertThrows(IllegalArgumentException.class, () -> store.put("/abs", InputStream.nullInputStream()));
    assertThrows(IllegalArgumentException.class, () -> store.put("a/../../b", InputStream.nullInputStream()));
  }

  @Test
  void reportsAMissingObjectAsNotFound(@TempDir Path root) {
    assertThrows(FileNotFoundException.class, () -> new LocalFolderStore(root).size("nothing/here"));
  }
}
