package dev.baton.simulator.baseline;

import dev.baton.simulator.SchedulerSlice;
import dev.baton.simulator.bench.SwitchPorts;
import dev.baton.simulator.bench.SwitchUnderTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The baseline as Baton runs: each relay a JVM of its own ({@code baton-simulator relay ...}).
 * The three start at once (a relay's ChannelAdaptor keeps dialing until the next relay listens)
 * and are up when all listen.
 */
public final class BaselineProcesses implements SwitchUnderTest {

  private static final System.Logger LOG = System.getLogger(BaselineProcesses.class.getName());
  private static final Duration LISTENING_WITHIN = Duration.ofSeconds(60);
  private static final Duration STOP_WITHIN = Duration.ofSeconds(10);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /**
   * Each relay's heap: fixed, and touched whole at start, as Baton's servers' are (see the launcher's
   * {@code WildFlyServer}). Where the first touch of a page is slow (on a virtual machine whose host
   * backs memory only once used), a relay that grows its heap page by page in its first minutes
   * stalls on whichever thread allocates, and the comparison would measure that rather than jPOS.
   * The collector is the JVM's default, as a jPOS deployment's would be. {@code
   * -Dbaton.baseline.jvm="..."} on the bench replaces these options (empty: none).
   */
  static final List<String> RELAY_JVM = List.of(
      System.getProperty("baton.baseline.jvm", "-Xms512m -Xmx512m -XX:+AlwaysPreTouch").strip().split("\\s+"))
      .stream().filter(option -> !option.isEmpty()).toList();

  private final BaselinePlan plan;
  private final Path workDir;
  private final List<Process> relays = new ArrayList<>();

  private BaselineProcesses(BaselinePlan plan, Path workDir) {
    this.plan = plan;
    this.workDir = workDir;
  }

  /** Starts r1, r2 and r3 on free ports and returns when all three listen. */
  public static BaselineProcesses start(
      List<String> bins, int acquirers, Duration timeout, boolean noDelay) throws IOException {
    BaselinePlan plan = BaselinePlan.onFreePorts(bins, acquirers, timeout, noDelay);
    BaselineProcesses baseline =
        new BaselineProcesses(plan, Files.createTempDirectory("baton-baseline-"));
    try {
      List<Path> outputs = new ArrayList<>();
      for (RelaySpec relay : plan.relays()) {
        outputs.add(baseline.launch(relay));
      }
      for (int i = 0; i < plan.relays().size(); i++) {
        RelaySpec relay = plan.relays().get(i);
        for (int port : relay.listenPorts()) {
          awaitListening(relay, baseline.relays.get(i), port, outputs.get(i));
        }
      }
      return baseline;
    } catch (IOException | RuntimeException e) {
      baseline.close();
      throw e;
    }
  }

  @Override
  public SwitchPorts ports() {
    return plan.switchPorts();
  }

  /** The relays by name, r1 (the acquirers' side) first. */
  @Override
  public Map<String, Long> processes() {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (int i = 0; i < relays.size(); i++) {
      pids.put(plan.relays().get(i).name(), relays.get(i).pid());
    }
    return pids;
  }

  @Override
  public String description() {
    return "jPOS baseline, 3 JVMs (QServer -> QMUX/ChannelAdaptor relays): " + plan.describe();
  }

  /** Stops the relays, r1 first, and deletes their scratch directory. */
  @Override
  public void close() {
    for (Process relay : relays.reversed()) {
      relay.destroy();
    }
    for (Process relay : relays) {
      try {
        if (!relay.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
          relay.destroyForcibly();
        }
      } catch (InterruptedException e) {
        relay.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    WorkDirectory.delete(workDir);
  }

  /** Starts the relay's JVM and returns the file its output goes to. */
  private Path launch(RelaySpec relay) throws IOException {
    Path dir = Files.createDirectories(workDir.resolve(relay.name()));
    Path output = dir.resolve("relay.out");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(RELAY_JVM);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.baton.simulator.Main"));
    command.addAll(RelayArguments.of(relay, dir));
    // A relay left behind by a bench that was killed would hold its ports; it follows us out.
    command.addAll(List.of("--parent-pid", String.valueOf(ProcessHandle.current().pid())));
    // With the kernel's default scheduler slice, as a jPOS deployment runs (SchedulerSlice).
    Process process = SchedulerSlice.whileDefault(() -> new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start());
    relays.add(process);
    LOG.log(System.Logger.Level.DEBUG, "relay {0} started, pid {1}", relay.name(), process.pid());
    return output;
  }

  private static void awaitListening(RelaySpec relay, Process process, int port, Path output)
      throws IOException {
    long deadline = System.nanoTime() + LISTENING_WITHIN.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("relay " + relay.name() + " exited with " + process.exitValue()
            + ": " + tail(output));
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(BaselinePlan.LOOPBACK, port), 1_000);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("relay " + relay.name() + " not listening on " + port
              + " within " + LISTENING_WITHIN.toSeconds() + " s: " + tail(output), e);
        }
        LockSupport.parkNanos(POLL_NANOS);
      }
    }
  }

  private static String tail(Path output) {
    try {
      List<String> lines = Files.readAllLines(output);
      return lines.subList(Math.max(0, lines.size() - 5), lines.size()).stream()
          .collect(Collectors.joining(" | "));
    } catch (IOException e) {
      return "(no output)";
    }
  }
}
