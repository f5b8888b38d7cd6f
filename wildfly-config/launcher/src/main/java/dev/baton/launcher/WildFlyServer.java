package dev.baton.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Baton server in one role: the provisioned server started with the role's properties file
 * and a base dir of its own under the work folder.
 */
public final class WildFlyServer implements Component {

  /**
   * Heap and collector of each server, unless BATON_SERVER_HEAP gives others. No proactive
   * collections: ZGC starts one when it judges the application can spare the time, and on two
   * shared cores each one, an old-generation cycle of up to a second, delayed authorizations by up
   * to 300 ms; the collections the allocation rate calls for remain.
   *
   * <p>No uncommon traps either ({@code PerMethodTrapLimit=0}, {@code PerMethodSpecTrapLimit=0}):
   * by default the JIT compiles only the branches a method has taken so far, and the first time an
   * untaken one is taken (a node's two-minute log of finished authorizations starting to expire, a
   * spare chunk reused) it throws away the compiled code around it, the processing path it was
   * inlined in with it, until that is compiled again. Load steps two or three minutes after a
   * start failed (p99 58 to 190 ms: in one no collector cycled, in the one recorded the processing
   * thread's compiled code was thrown away so), and held with these flags; see simulator/README.md.
   *
   * <p>And the whole heap touched at start ({@code AlwaysPreTouch}): the first write to a page of
   * memory a process has never used costs a page fault, 23 µs per 4 KiB page on a virtual machine
   * whose host backs guest memory only once it is touched. Untouched, the heap was touched by the
   * traffic of a server's first minutes instead, on whichever thread allocated: a node filling a
   * new 8 MiB chunk of its record logs faulted 2,048 times in one allocation on its processing
   * thread, and its answers stopped for 50 to 110 ms (a JFR recording showed the allocation, the
   * scheduler's trace the processing thread running in the kernel meanwhile). Touching 2 GiB at
   * start costs about 10 s per server there, and under a second where touching memory is cheap.
   */
  static final String DEFAULT_HEAP = "-Xms2g -Xmx2g -XX:+UseZGC -XX:-ZProactive -XX:+AlwaysPreTouch"
      + " -XX:PerMethodTrapLimit=0 -XX:+UnlockExperimentalVMOptions -XX:PerMethodSpecTrapLimit=0";

  private static final Pattern CLUSTER_SIZE = Pattern.compile("\"clusterSize\"\\s*:\\s*(\\d+)");
  private static final Pattern CLUSTER_COMPLETE = Pattern.compile("\"clusterComplete\"\\s*:\\s*true");

  private final Layout layout;
  private final Settings settings;
  private final Role role;
  private long logOffsetAtStart = -1;

  WildFlyServer(Layout layout, Settings settings, Role role) {
    this.layout = layout;
    this.settings = settings;
    this.role = role;
  }

  @Override
  public String name() {
    return role.id();
  }

  Role role() {
    return role;
  }

  @Override
  public List<Port> ports() {
    List<Port> ports = new java.util.ArrayList<>(List.of(
        new Port(role.httpPort(), role.id() + " HTTP"),
        new Port(role.managementPort(), role.id() + " management"),
        new Port(role.jgroupsPort(), role.id() + " cluster (JGroups)")));
    if (role.nodeLinkPort() != 0) {
      ports.add(new Port(role.nodeLinkPort(), role.id() + " node link"));
    }
    return List.copyOf(ports);
  }

  @Override
  public Path log() {
    return layout.log(name());
  }

  @Override
  public void start() throws IOException {
    // Topology.up refused a value the kernel would not grant before anything started.
    int slice = settings.schedulerSliceMicros();
    Path base = layout.baseDir(role);
    prepareBaseDir(layout.server(), base);
    logOffsetAtStart = Files.exists(log()) ? Files.size(log()) : 0;
    Map<String, String> environment = new HashMap<>(settings.serverEnvironment());
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    // WildFly's own heap ceiling, a heap that starts at a size traffic needs (no resizing pauses
    // under the first load), a metaspace threshold above what the deployments load (a full
    // collection at the first "Metadata GC Threshold" paused a node for a second), and a
    // class-data archive per role that the JVM writes when the server stops and maps at the next
    // start: later starts load classes faster. What the JVM says about that archive goes to
    // log/cds.log, not the console log: a "Skipping" line for every class the writer leaves out
    // (700 to 2,400 per stop), and six lines at level "error" at every start that are not errors
    // of the server's (the JDK's base archive was written without the module options WildFly
    // starts with, and ZGC cannot use its archived objects; the classes are mapped all the same,
    // as "Mapped dynamic region" in that file shows).
    environment.put(
        "JBOSS_JAVA_SIZING",
        System.getenv().getOrDefault("BATON_SERVER_HEAP", DEFAULT_HEAP)
            + " -XX:MetaspaceSize=256m -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="
            + base.resolve("class-data.jsa") + " -Xlog:cds=off -Xlog:cds=info:file="
            + base.resolve("log/cds.log") + ":time,uptime,level,tags");
    // The collector's log beside the server's (log/gc.log, five files of 3 MB, WildFly's own
    // rotation): a burst of slow answers is first compared with the collector's cycles.
    environment.put("GC_LOG", "true");
    ManagedProcess.start(
        List.of(
            layout.server().resolve("bin/standalone.sh").toString(),
            "-c", "baton.xml",
            "-Djboss.server.base.dir=" + base,
            "--properties=" + layout.roleProperties(role)),
        environment,
        log(),
        layout.pidFile(name()),
        slice);
  }

  /**
   * Gives a server a fresh base dir from the provisioned one: its configuration and deployed
   * content, an empty deployments folder; logs of earlier runs are kept.
   */
  public static void prepareBaseDir(Path server, Path base) throws IOException {
    Path standalone = server.resolve("standalone");
    for (String transientDir : List.of("configuration", "data", "tmp", "deployments")) {
      PostgresBinaries.deleteTree(base.resolve(transientDir));
    }
    copyTree(standalone.resolve("configuration"), base.resolve("configuration"));
    copyTree(standalone.resolve("data/content"), base.resolve("data/content"));
    Files.createDirectories(base.resolve("deployments"));
    Files.createDirectories(base.resolve("log"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** The server's readiness probe. */
  URI readiness() {
    return URI.create("http://127.0.0.1:" + role.managementPort() + "/health/ready");
  }

  @Override
  public Health health() {
    if (pid() < 0) {
      return Health.down("not running");
    }
    if (stillBooting()) {
      // Not asked yet: the server logs a WARN for every readiness probe that finds it DOWN, a
      // hundred and more over a boot.
      return Health.starting("booting");
    }
    Health health =
        Polling.get(readiness())
            .map(answer -> judge(answer.statusCode(), answer.body()))
            .orElse(Health.starting("not answering yet"));
    if (health.state() != Health.State.READY && bootedWithErrors()) {
      return Health.down("started with errors (" + health.detail() + ")");
    }
    return health;
  }

  /** The clustered cache containers of every server's configuration: Baton's and WildFly's own. */
  private static final List<String> CLUSTERED_CONTAINERS = List.of("baton", "ejb", "server", "web");

  /**
   * True once the server this launcher started has joined (or formed) the cluster and started
   * every clustered cache container, with the internal caches others ask when they join: the
   * server is then one that others can join.
   */
  boolean cacheContainersStarted() {
    String since = logSinceStart();
    return CLUSTERED_CONTAINERS.stream().allMatch(name -> since.contains("Started " + name + " cache container"));
  }

  /**
   * True while the server this launcher started has not logged the end of its boot (WFLYSRV0025,
   * or WFLYSRV0026 with errors); false for a server it did not start, and once the log is shorter
   * than when it started (rotated at midnight: the probe then decides).
   */
  private boolean stillBooting() {
    try {
      if (logOffsetAtStart < 0 || Files.size(log()) < logOffsetAtStart) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    String since = logSinceStart();
    return !since.contains("WFLYSRV0025") && !since.contains("WFLYSRV0026");
  }

  /** True if the server this launcher started finished booting with failed services. */
  private boolean bootedWithErrors() {
    return logSinceStart().contains("WFLYSRV0026");
  }

  /** What the server logged since this launcher started it; empty when it did not start it. */
  private String logSinceStart() {
    if (logOffsetAtStart < 0) {
      return "";
    }
    try (var channel = java.nio.channels.FileChannel.open(log())) {
      channel.position(logOffsetAtStart);
      return new String(java.nio.channels.Channels.newInputStream(channel).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static final Pattern DOWN_CHECK =
      Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"status\"\\s*:\\s*\"DOWN\"");

  private static Health judge(int status, String body) {
    Matcher size = CLUSTER_SIZE.matcher(body);
    String cluster = size.find() ? "cluster of " + size.group(1) : "cluster unknown";
    if (status == 200 && CLUSTER_COMPLETE.matcher(body).find()) {
      return Health.ready(cluster);
    }
    if (status == 200) {
      return Health.starting(cluster + ", waiting for the others");
    }
    List<String> down = DOWN_CHECK.matcher(body).results().map(m -> m.group(1)).toList();
    return Health.starting(down.isEmpty() ? "HTTP " + status : "not ready: " + String.join(", ", down));
  }

  /**
   * Says the scheduler slice the server's JVM runs with, as the kernel shows it (see {@link
   * SchedulerSlice}): the one asked for, or the kernel's default where it grants none.
   */
  void reportSchedulerSlice(java.io.PrintStream out) {
    long jvm = CollectorPriority.javaProcess(pid()).map(ProcessHandle::pid).orElse(pid());
    SchedulerSlice.ofProcess(jvm).ifPresent(slice ->
        out.printf(java.util.Locale.ROOT, "  %-10s scheduler slice %.1f ms%n", name(), slice / 1e6));
  }

  /**
   * Lowers the priority of the server's collector threads (see {@link CollectorPriority}), by
   * BATON_COLLECTOR_NICE; once it is ready, when they all run. Says what it did, or why not: a
   * server whose collector keeps its priority still works.
   */
  void lowerCollectorPriority(java.io.PrintStream out) {
    try {
      int nice = CollectorPriority.fromEnvironment(System.getenv("BATON_COLLECTOR_NICE"));
      if (nice == 0) {
        return;
      }
      int lowered = CollectorPriority.lower(pid(), nice);
      if (lowered > 0) {
        out.printf("  %-10s collector threads at nice %d (%d threads)%n", name(), nice, lowered);
      }
    } catch (IOException | RuntimeException e) {
      out.printf("  %-10s collector threads keep their priority: %s%n", name(), e.getMessage());
    }
  }

  @Override
  public long pid() {
    return ManagedProcess.running(layout.pidFile(name())).map(ProcessHandle::pid).orElse(-1L);
  }

  @Override
  public boolean stop() throws IOException {
    return ManagedProcess.stop(layout.pidFile(name()), Duration.ofSeconds(30));
  }
}
