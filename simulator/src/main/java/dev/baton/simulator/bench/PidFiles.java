package dev.baton.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The processes {@code ./baton up} started, from the pid files it keeps ({@code <name>.pid}, one
 * number each): the edge, node A and node B first, in the order an authorization crosses them,
 * then the others by name.
 */
final class PidFiles {

  private static final List<String> PATH_ORDER = List.of("edge", "node-a", "node-b");
  private static final String SUFFIX = ".pid";

  private PidFiles() {}

  /**
   * The processes by name; a file that holds no number is listed in {@code unreadable} and left
   * out, and a directory that cannot be read gives none.
   */
  static Map<String, Long> read(Path dir, List<String> unreadable) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).forEach(files::add);
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    files.sort(Comparator.comparing(PidFiles::name, PidFiles::pathOrder));
    Map<String, Long> pids = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        pids.put(name(file), Long.parseLong(Files.readString(file).strip()));
      } catch (IOException | NumberFormatException e) {
        unreadable.add(file.getFileName().toString());
      }
    }
    return pids;
  }

  private static String name(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length());
  }

  private static int pathOrder(String a, String b) {
    int rankA = rank(a);
    int rankB = rank(b);
    return rankA != rankB ? Integer.compare(rankA, rankB) : a.compareTo(b);
  }

  private static int rank(String name) {
    int index = PATH_ORDER.indexOf(name);
    return index >= 0 ? index : PATH_ORDER.size();
  }
}
