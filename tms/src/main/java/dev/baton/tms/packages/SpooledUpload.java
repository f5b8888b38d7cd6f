package dev.baton.tms.packages;

import dev.baton.tms.credential.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The bytes of an upload in a temporary file, with their size and SHA-256 computed on the way in.
 * Closing it deletes the file (if it was not moved away), so a failed upload leaves nothing.
 */
record SpooledUpload(Path file, long size, String sha256) implements AutoCloseable {

  /**
   * Copies {@code content} into a new file in {@code folder}.
   *
   * @throws IOException when the content fails or holds more than {@code limit} bytes; the file is
   *     gone then
   */
  static SpooledUpload write(InputStream content, Path folder, long limit) throws IOException {
    Path file = Files.createTempFile(folder, ".upload-", ".part");
    try {
      MessageDigest digest = Secrets.sha256();
      long size = 0;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = content.read(buffer)) >= 0) {
          size += n;
          if (size > limit) {
            throw new IOException("the upload is larger than " + limit + " bytes");
          }
          out.write(buffer, 0, n);
        }
      }
      return new SpooledUpload(file, size, HexFormat.of().formatHex(digest.digest()));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  ObjectStore.Stored stored() {
    return new ObjectStore.Stored(size, sha256);
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }
}
