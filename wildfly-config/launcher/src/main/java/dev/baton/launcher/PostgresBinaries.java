package dev.baton.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks the PostgreSQL binaries that come from Maven Central (a jar holding one .txz archive)
 * into a folder, once.
 */
final class PostgresBinaries {

  private PostgresBinaries() {}

  /** Makes sure {@code target}/bin/postgres exists, unpacking {@code jar} if it does not. */
  static void ensureUnpacked(Path jar, Path target) throws IOException {
    if (Files.isExecutable(target.resolve("bin/postgres"))) {
      return;
    }
    if (!Files.isRegularFile(jar)) {
      throw new IOException("PostgreSQL binaries not found at " + jar + ": build first (./mvnw -DskipTests install)");
    }
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    deleteTree(partial);
    Files.createDirectories(partial);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry archive =
          zip.stream()
              .filter(entry -> entry.getName().endsWith(".txz"))
              .findFirst()
              .orElseThrow(() -> new IOException(jar + " holds no .txz archive"));
      try (InputStream in = zip.getInputStream(archive)) {
        untar(in, partial);
      }
    }
    deleteTree(target);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void untar(InputStream compressed, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(compressed)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("archive entry outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    if ((mode & 0100) != 0) {
      set.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
    }
    set.add(PosixFilePermission.OWNER_WRITE);
    return set;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
