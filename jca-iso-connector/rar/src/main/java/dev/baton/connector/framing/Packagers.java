package dev.baton.connector.framing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.packager.GenericPackager;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.jpos.iso.packager.ISO93BPackager;

/**
 * Turns a session's packager setting into a jPOS packager. jPOS packagers keep no state between
 * messages, so one instance serves every connection of a session.
 *
 * <p>Settings: {@code ISO87B}, {@code ISO87A}, {@code ISO93B}, or a bank-specific GenericPackager
 * definition as {@code generic:/path/to/bank.xml} (a file) or {@code generic:classpath:name.xml}
 * (a resource the adapter's class loader can see, such as jPOS's own {@code
 * packager/iso87binary.xml}).
 */
public final class Packagers {

  private static final String GENERIC = "generic:";
  private static final String CLASSPATH = "classpath:";

  private Packagers() {}

  /**
   * The packager a setting names.
   *
   * @throws IllegalArgumentException when the setting names no packager or its XML does not load
   */
  public static ISOPackager of(String setting) {
    String trimmed = setting.trim();
    if (trimmed.regionMatches(true, 0, GENERIC, 0, GENERIC.length())) {
      return generic(trimmed.substring(GENERIC.length()));
    }
    return switch (trimmed.toUpperCase(Locale.ROOT)) {
      case "ISO87B" -> new ISO87BPackager();
      case "ISO87A" -> new ISO87APackager();
      case "ISO93B" -> new ISO93BPackager();
      default ->
          throw new IllegalArgumentException(
              "unknown packager '" + setting + "', expected ISO87B, ISO87A, ISO93B or generic:<xml>");
    };
  }

  private static ISOPackager generic(String location) {
    try (InputStream xml = open(location)) {
      return new GenericPackager(xml);
    } catch (IOException | ISOException e) {
      throw new IllegalArgumentException("packager definition " + location + " does not load", e);
    }
  }

  private static InputStream open(String location) throws IOException {
    if (location.startsWith(CLASSPATH)) {
      String name = location.substring(CLASSPATH.length());
      InputStream in = Packagers.class.getClassLoader().getResourceAsStream(name);
      if (in == null) {
        throw new IOException("no resource " + name);
      }
      return in;
    }
    return Files.newInputStream(Path.of(location));
  }
}
