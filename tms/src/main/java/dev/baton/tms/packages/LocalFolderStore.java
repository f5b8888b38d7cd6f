package dev.baton.tms.packages;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The embedded object store: one file per object under a root folder. */
public final class LocalFolderStore implements ObjectStore {

  private final Path root;

  public LocalFolderStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Stored put(String key, InputStream content) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    try (SpooledUpload upload = SpooledUpload.write(content, target.getParent(), Long.MAX_VALUE)) {
      Files.move(upload.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return upload.stored();
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
    return root.resolve(ObjectKey.require(key));
  }
}
