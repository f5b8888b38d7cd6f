package dev.baton.tms;

import dev.baton.tms.packages.LocalFolderStore;
import dev.baton.tms.packages.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An empty object store of one kind for a test, and a count of the objects it holds. */
public record TestStore(ObjectStore store, TestStore.Count count) {

  /** The kinds of store the package tests run on: the embedded folder and S3. */
  public enum Kind { LOCAL_FOLDER, S3 }

  /** Counts the objects in the store, on the store's side. */
  public interface Count {
    long objects() throws IOException;
  }

  public static TestStore of(Kind kind, Path folder, TestS3.Bucket s3) {
    return switch (kind) {
      case LOCAL_FOLDER -> new TestStore(new LocalFolderStore(folder), () -> {
        try (var files = Files.walk(folder)) {
          return files.filter(Files::isRegularFile).count();
        }
      });
      case S3 -> {
        String prefix = TestS3.Bucket.newPrefix();
        yield new TestStore(s3.store(prefix, s3.secretKey()), () -> s3.objectsUnder(prefix));
      }
    };
  }

  public long objects() throws IOException {
    return count.objects();
  }
}
