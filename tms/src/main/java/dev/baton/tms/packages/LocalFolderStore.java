package dev.baton.tms.packages;

import dev.baton.tms.credential.Secrets;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The embedded object store: one file per object under a root folder. */
public final class LocalFolderStore implements ObjectStore {

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._\\-]*(/[a-z0-9][a-z0-9._\\-]*)*");

  private final Path root;

  public LocalFolderStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The server's store: the folder named by the system property {@code baton.tms.objects}, by
   * default {@code tms-objects} in the server's data folder. Every deployment of the server that
   * opens it sees the same objects.
   */
  public static LocalFolderStore ofServer() {
    Path data = Path.of(System.getProperty("jboss.server.data.dir", "."));
    return new LocalFolderStore(Path.of(System.getProperty("baton.tms.objects", data.resolve("tms-objects").toString())));
  }

  @Override
  public Stored put(String key, InputStream content) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
    try {
      MessageDigest digest = Secrets.sha256();
      long size;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
        size = content.transferTo(out);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Stored(size, HexFormat.of().formatHex(digest.digest()));
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(path(key), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(key);
    }
    channel.position(offset);
    return new BoundedInputStream(Channels.newInputStream(channel), length);
  }

  @Override
  public long size(String key) throws IOException {
    try {
      return Files.size(path(key));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(key);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }

  private Path path(String key) {
    if (!KEY.matcher(key).matches() || key.contains("..")) {
      throw new IllegalArgumentException("not an object key: " + key);
    }
    return root.resolve(key);
  }

  /** At most {@code remaining} bytes of the stream it wraps. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
