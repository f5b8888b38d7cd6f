package dev.baton.simulator.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The scratch directories relays keep their deploy descriptors and logs in. */
final class WorkDirectory {

  private static final System.Logger LOG = System.getLogger(WorkDirectory.class.getName());

  private WorkDirectory() {}

  /** Deletes {@code dir} and everything under it; a failure is logged, not thrown. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot delete {0}: {1}", dir, e.getMessage());
    }
  }
}
