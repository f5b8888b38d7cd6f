package dev.baton.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The collector's threads of a real JVM, started under a shell as a server's script starts it. */
class CollectorPriorityTest {

  @Test
  void lowersTheZCollectorsThreadsOfTheJvmUnderAScriptAndNoOtherThread() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "threads are listed under /proc");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // A JVM that waits on its standard input, under a shell, as standalone.sh runs the server.
    Process script = new ProcessBuilder("sh", "-c", "\"" + java + "\" -XX:+UseZGC -Xmx64m -cp \""
        + System.getProperty("java.class.path") + "\" '" + WaitForInput.class.getName() + "'").redirectErrorStream(true).start();
    try {
      // Its first line comes from main: the virtual machine, its collector's threads included, is up.
      String first = new java.io.BufferedReader(new java.io.InputStreamReader(script.getInputStream())).readLine();
      assertEquals("waiting", first);
      long jvm = CollectorPriority.javaProcess(script.pid()).orElseThrow().pid();

      int lowered = CollectorPriority.lower(script.pid(), 7);

      Map<String, Integer> niceByThread = niceByThread(jvm);
      List<String> collector = niceByThread.keySet().stream().filter(name -> name.startsWith("Z")).toList();
      assertTrue(collector.size() >= 2, "ZGC runs a director and workers: " + niceByThread.keySet());
      assertEquals(collector.size(), lowered);
      collector.forEach(name -> assertEquals(7, niceByThread.get(name), name + " lowered"));
      List<String> others = niceByThread.keySet().stream().filter(name -> !name.startsWith("Z")).toList();
      assertFalse(others.isEmpty(), "the JVM's other threads: " + others);
      others.forEach(name -> assertEquals(0, niceByThread.get(name), name + " keeps its priority"));
    } finally {
      script.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      script.destroyForcibly();
      script.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void leavesEverythingAsItIsAtZeroOrWithoutAJvm() throws Exception {
    assertEquals(0, CollectorPriority.lower(ProcessHandle.current().pid(), 0));
    Process shell = new ProcessBuilder("sh", "-c", "read line").start();
    try {
      assertEquals(0, CollectorPriority.lower(shell.pid(), 10), "no JVM under it: nothing to lower");
    } finally {
      shell.destroyForcibly();
    }
  }

  @Test
  void readsTheNiceValueFromTheEnvironmentAndRefusesWhatIsNotOneOf0To19() {
    assertEquals(CollectorPriority.DEFAULT_NICE, CollectorPriority.fromEnvironment(null));
    assertEquals(CollectorPriority.DEFAULT_NICE, CollectorPriority.fromEnvironment(" "));
    assertEquals(0, CollectorPriority.fromEnvironment("0"));
    assertEquals(19, CollectorPriority.fromEnvironment("19"));
    for (String wrong : List.of("-5", "20", "ten")) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> CollectorPriority.fromEnvironment(wrong));
      assertEquals("BATON_COLLECTOR_NICE must be a whole number from 0 to 19, not '" + wrong + "'", refused.getMessage());
    }
  }

  /** Thread name to nice value (field 19 of /proc/<pid>/task/<tid>/stat). */
  private static Map<String, Integer> niceByThread(long pid) throws Exception {
    Map<String, Integer> nice = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        String name = Files.readString(task.resolve("comm")).strip();
        String stat = Files.readString(task.resolve("stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        nice.put(name + (nice.containsKey(name) ? "@" + task.getFileName() : ""), Integer.parseInt(afterName[16]));
      }
    }
    return nice;
  }

  /** Waits until its standard input ends. */
  public static final class WaitForInput {
    public static void main(String[] args) throws Exception {
      System.out.println("waiting");
      System.out.flush();
      System.in.read();
    }
  }
}
