package dev.baton.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processes ./baton up started, from its pid files, in the order a request crosses them. */
class PidFilesTest {

  @TempDir Path dir;

  @Test
  void readsTheEdgeAndTheNodesFirstThenTheOthersByName() throws IOException {
    Files.writeString(dir.resolve("keycloak.pid"), "400\n");
    Files.writeString(dir.resolve("node-b.pid"), "300\n");
    Files.writeString(dir.resolve("edge.pid"), "100");
    Files.writeString(dir.resolve("node-a.pid"), " 200 \n");
    Files.writeString(dir.resolve("notes.txt"), "not a pid file");
    List<String> unreadable = new ArrayList<>();

    Map<String, Long> pids = PidFiles.read(dir, unreadable);

    assertEquals(List.of("edge", "node-a", "node-b", "keycloak"), List.copyOf(pids.keySet()));
    assertEquals(List.of(100L, 200L, 300L, 400L), List.copyOf(pids.values()));
    assertEquals(List.of(), unreadable);
  }

  @Test
  void aFileWithoutANumberIsNamedAndLeftOut() throws IOException {
    Files.writeString(dir.resolve("edge.pid"), "100");
    Files.writeString(dir.resolve("node-a.pid"), "starting");
    Files.writeString(dir.resolve("node-b.pid"), "");
    List<String> unreadable = new ArrayList<>();

    Map<String, Long> pids = PidFiles.read(dir, unreadable);

    assertEquals(Map.of("edge", 100L), pids);
    assertEquals(List.of("node-a.pid", "node-b.pid"), unreadable);
  }

  @Test
  void aDirectoryThatIsNotThereGivesNoProcess() {
    List<String> unreadable = new ArrayList<>();

    assertEquals(Map.of(), PidFiles.read(dir.resolve("missing"), unreadable));
    assertEquals(List.of(), unreadable);
  }
}
