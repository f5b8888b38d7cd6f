package dev.baton.systemtests.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.launcher.Layout;
import dev.baton.launcher.Topology;
import dev.baton.systemtests.Poll;
import dev.baton.systemtests.console.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The switchover benchmark (issue numbers in its output): starts the demo topology as {@code
 * ./baton up} does, drives ACQ1 with jPOS peers at a fixed rate (cards of both issuers, issuers
 * answering after {@code bench.issuer.ms}), and prints
 *
 * <ol>
 *   <li>the worst latency added by a move of every bank, against the steady state just before:
 *       six moves a second apart, then three times to B and straight back (reported apart: there a
 *       request can wait for two moves), after a warm-up that runs the load on each node (the
 *       warm-up's first move, to a node that has not switched yet, is reported apart);
 *   <li>the time from kill -9 of node A to the first approval of a request sent after the kill,
 *       with in-flight replication {@code none} and {@code sync}, and how many requests sent before
 *       the kill were not approved;
 *   <li>the throughput with each replication setting, closed loop ({@code bench.concurrency}
 *       requests outstanding, {@code bench.seconds} seconds each, every setting twice: {@code none},
 *       {@code sync}, {@code sync}, {@code none}), and what {@code sync} costs against the means.
 * </ol>
 *
 * <p>Run: {@code ./mvnw -B install -DskipTests} then {@code ./mvnw -B verify -pl system-tests
 * -Pswitchover-benchmark} (settings {@code -Dbench.rate=1800}, {@code -Dbench.issuer.ms=20},
 * {@code -Dbench.concurrency=64,256}, {@code -Dbench.seconds=15}, and {@code
 * -Dbench.parts=moves,kill,throughput} to run only some of the three after the warm-up, {@code
 * -Dbench.warmup.pairs=N} for N more moves of every bank to B and back, 0.4 s apart, at the end of
 * the warm-up: the servers then measure moves as ones that have moved traffic many times). It
 * asserts only what must hold whatever the machine: one answer per request.
 *
 * <p>Past a million requests in a run the requests' STAN (field 11) starts again; their
 * transmission time (field 7) and RRN (field 37) then change with it (see {@link
 * TestAcquirer#request}), so the switch takes them for new requests, not repeats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwitchoverBenchmark {

  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String[] CARDS = {"4000000000000002", "5100000000000008"};

  private final int rate = Integer.getInteger("bench.rate", 1_800);
  private final long issuerMillis = Long.getLong("bench.issuer.ms", 20);
  /** Requests kept outstanding in the throughput runs: 64 is bound by the issuers' latency, 256 by the machine. */
  private final int[] concurrencies = java.util.Arrays.stream(System.getProperty("bench.concurrency", "64,256").split(","))
      .map(String::strip).mapToInt(Integer::parseInt).toArray();
  private final int seconds = Integer.getInteger("bench.seconds", 15);
  /** Moves of every bank to B and back added at the end of the warm-up (none unless asked). */
  private final int warmupPairs = Integer.getInteger("bench.warmup.pairs", 0);
  /** Which of the three parts run: {@code moves}, {@code kill}, {@code throughput}. */
  private final java.util.Set<String> parts = java.util.Set.of(System.getProperty("bench.parts", "moves,kill,throughput").split(","));

  private Topology topology;
  private TestAcquirer acquirer;
  private TestIssuer iss1;
  private TestIssuer iss2;
  private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(2);
  private final List<String> report = new ArrayList<>();

  /** One request: when it was sent (nanoTime), how long its answer took, its response code, its RRN. */
  private record Sample(long sentAt, long micros, String rc, String rrn) {}

  /** The retrieval references of the requests the issuers received. */
  private final java.util.Set<String> atIssuer = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @BeforeAll
  void startTheTopologyAndTheBanks() throws Exception {
    Path home = Path.of(System.getProperty("baton.home")).toAbsolutePath().normalize();
    topology = Topology.of(new Layout(home, home.resolve("system-tests/target/bench-topology")), Map.of());
    topology.up(System.out);
    iss1 = new TestIssuer("ISS1", 10011, PATIENCE);
    iss2 = new TestIssuer("ISS2", 10012, PATIENCE);
    for (TestIssuer issuer : List.of(iss1, iss2)) {
      issuer.stopKeepingRequests();
      issuer.answerWith(request -> {
        atIssuer.add(request.getString(37));
        delays.schedule(() -> answer(issuer, TestIssuer.answerOf(request, "00")), issuerMillis, TimeUnit.MILLISECONDS);
        return null;
      });
    }
    acquirer = new TestAcquirer("ACQ1", 10001, PATIENCE);
  }

  @AfterAll
  void printAndStop() throws Exception {
    System.out.println();
    System.out.println("== switchover benchmark: " + rate + " TPS offered, issuers answer after " + issuerMillis + " ms ==");
    report.forEach(System.out::println);
    System.out.println();
    delays.shutdownNow();
    for (BankPeer bank : List.of(acquirer, iss1, iss2)) {
      bank.close();
    }
    topology.down(System.out);
  }

  @Test
  void measuresMovesFailoverAndReplicationCost() throws Exception {
    setReplication("none");
    // Both nodes carry the load a while before anything is measured: in service, each node has
    // banks of its own, and a move's target is never a JVM that has not run the switching code.
    List<long[]> coldWindows = new ArrayList<>();
    List<String> coldOutcomes = new ArrayList<>();
    List<Sample> warmUp = openLoop(Duration.ofSeconds(25), () -> {
      pause(Duration.ofSeconds(5));
      coldWindows.add(moveAllWindow("B", coldOutcomes));
      pause(Duration.ofSeconds(10));
      coldWindows.add(moveAllWindow("A", coldOutcomes));
      for (int i = 0; i < warmupPairs; i++) {
        pause(Duration.ofMillis(400));
        moveAllWindow("B", coldOutcomes);
        pause(Duration.ofMillis(400));
        moveAllWindow("A", coldOutcomes);
      }
    });
    report.add("warm-up, 5 s on node A, 10 s on node B, 10 s on A again"
        + (warmupPairs > 0 ? " (at its end " + warmupPairs + " more moves of every bank to B and back)" : "") + ": "
        + summary(warmUp));
    report.add("  its first move-all, to a node B that had not switched yet: " + addedDuring(warmUp,
        List.of(coldWindows.get(0)), summary(warmUp.stream().filter(s -> s.sentAt() < coldWindows.get(0)[0]).toList())));

    if (parts.contains("moves")) {
      moves();
    }
    if (parts.contains("kill")) {
      kills();
    }
    if (parts.contains("throughput")) {
      throughput();
    }
    setReplication("none");
  }

  /**
   * 1. moves of every bank under load: six one after the other, each alone (a second from the
   * next), then three pairs, to B and straight back (a request the first move held can have its
   * issuer's answer held by the second as well).
   */
  private void moves() throws Exception {
    List<long[]> alone = new ArrayList<>();
    List<long[]> pairs = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    List<Sample> moving = openLoop(Duration.ofSeconds(26), () -> {
      pause(Duration.ofSeconds(5));
      for (int i = 0; i < 6; i++) {
        alone.add(moveAllWindow(i % 2 == 0 ? "B" : "A", outcomes));
        pause(Duration.ofSeconds(1));
      }
      for (int round = 0; round < 3; round++) {
        pairs.add(moveAllWindow("B", outcomes));
        pairs.add(moveAllWindow("A", outcomes));
        pause(Duration.ofSeconds(3));
      }
    });
    List<Sample> steady = moving.stream().filter(s -> s.sentAt() < alone.get(0)[0]).toList();
    long steadyP50 = percentile(steady, 50);
    report.add("steady before the moves: " + summary(steady));
    reportMoves("alone", moving, alone, steadyP50);
    reportMoves("in back-to-back pairs", moving, pairs, steadyP50);
    report.add("the moves of every bank: " + outcomes);
    assertAnswered(moving);
  }

  private void reportMoves(String how, List<Sample> moving, List<long[]> windows, long steadyP50) {
    for (int i = 0; i < windows.size(); i++) {
      report.add("  move-all " + (i + 1) + " of " + windows.size() + " " + how + ": "
          + addedDuring(moving, List.of(windows.get(i)), ""));
      report.add("    worst latency in ms by when it was sent, per 10 ms from 50 ms before the call: "
          + bySlot(moving, windows.get(i)));
      report.add("    answers that came, per 10 ms from 50 ms before the call: " + arrivals(moving, windows.get(i)));
    }
    List<Sample> during = within(moving, windows);
    long worst = percentile(during, 100);
    report.add("during the " + windows.size() + " moves of every bank " + how + ": " + summary(during));
    report.add(String.format("worst added latency during a move-all %s: %.1f ms (worst %.1f ms - steady p50 %.1f ms)",
        how, (worst - steadyP50) / 1000.0, worst / 1000.0, steadyP50 / 1000.0));
  }

  /** 2. kill -9 of node A with each replication setting. */
  private void kills() throws Exception {
    for (String replication : List.of("none", "sync")) {
      setReplication(replication);
      banksHome();
      long[] killedAt = new long[1];
      // Node A carries the load 15 s before it is killed: the second time round it has just been
      // restarted, and a node killed while still cold leaves a backlog no warm node would have.
      List<Sample> killing = openLoop(Duration.ofSeconds(22), () -> {
        pause(Duration.ofSeconds(15));
        killedAt[0] = kill9("node-a");
      });
      long recovered = killing.stream().filter(s -> s.sentAt() >= killedAt[0] && "00".equals(s.rc()))
          .mapToLong(s -> (s.sentAt() - killedAt[0]) / 1_000 + s.micros()).min().orElse(-1);
      List<Sample> before = killing.stream().filter(s -> s.sentAt() < killedAt[0]).toList();
      long reached = before.stream().filter(s -> atIssuer.contains(s.rrn())).count();
      long lostAtIssuer = before.stream().filter(s -> atIssuer.contains(s.rrn()) && !"00".equals(s.rc())).count();
      long neverReached = before.stream().filter(s -> !atIssuer.contains(s.rrn()) && !"00".equals(s.rc())).count();
      long afterDeclined = killing.stream().filter(s -> s.sentAt() >= killedAt[0] && !"00".equals(s.rc())).count();
      report.add(String.format("kill -9 of node A, replication %s: traffic flows on node B %.1f ms after the kill; of %d "
              + "requests sent before the kill, %d reached the issuer and %d of those were not approved, %d never "
              + "reached it and were declined; %d sent after the kill declined", replication, recovered / 1000.0,
          before.size(), reached, lostAtIssuer, neverReached, afterDeclined));
      before.stream().filter(s -> atIssuer.contains(s.rrn()) && !"00".equals(s.rc())).limit(20).forEach(s ->
          report.add(String.format("  not approved although the issuer had it: %s, RC %s, sent %.1f ms before the kill,"
              + " answered after %.1f ms", s.rrn(), s.rc(), (killedAt[0] - s.sentAt()) / 1e6, s.micros() / 1000.0)));
      assertAnswered(killing);
      topology.restart("node-a", System.out);
    }
  }

  /**
   * 3. throughput with each replication setting, at each concurrency in the order {@code none},
   * {@code sync}, {@code sync}, {@code none}: each setting is measured once early and once late, so
   * that what the servers gain over the runs (compiled code, the collector's sizing) favours
   * neither, and the cost is worked out from each setting's mean.
   */
  private void throughput() throws Exception {
    for (int concurrency : concurrencies) {
      Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
      for (String replication : List.of("none", "sync", "sync", "none")) {
        setReplication(replication);
        closedLoop(Duration.ofSeconds(5), concurrency); // warm
        List<Sample> loop = closedLoop(Duration.ofSeconds(seconds), concurrency);
        double tps = loop.size() / (double) seconds;
        rates.computeIfAbsent(replication, r -> new ArrayList<>()).add(tps);
        report.add(String.format("replication %s: %.0f TPS with %d outstanding (%s)", replication, tps, concurrency,
            summary(loop)));
        assertAnswered(loop);
      }
      double none = mean(rates.get("none"));
      double sync = mean(rates.get("sync"));
      report.add(String.format("replication sync against none with %d outstanding: %.1f %% less throughput (means of"
          + " two runs each: none %.0f TPS, sync %.0f TPS)", concurrency, (1 - sync / none) * 100, none, sync));
    }
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Sends at {@link #rate} for {@code length} while {@code during} runs; every sample once answered. */
  private List<Sample> openLoop(Duration length, ThrowingRunnable during) throws Exception {
    List<CompletableFuture<Sample>> sent = new ArrayList<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    Thread load = Thread.ofPlatform().name("bench-load").start(() -> {
      long interval = 1_000_000_000L / rate;
      long next = System.nanoTime();
      long end = next + length.toNanos();
      int i = 0;
      while (sending.get() && next < end) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing the load
        }
        sent.add(ask(CARDS[i++ % 2]));
        next += interval;
      }
    });
    try {
      during.run();
    } finally {
      load.join();
    }
    return collect(sent);
  }

  /** Keeps {@code concurrency} requests outstanding for {@code length}. */
  private List<Sample> closedLoop(Duration length, int concurrency) throws Exception {
    Semaphore outstanding = new Semaphore(concurrency);
    List<CompletableFuture<Sample>> sent = new ArrayList<>();
    long end = System.nanoTime() + length.toNanos();
    int i = 0;
    while (System.nanoTime() < end) {
      if (outstanding.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        CompletableFuture<Sample> answer = ask(CARDS[i++ % 2]);
        answer.whenComplete((sample, failure) -> outstanding.release());
        sent.add(answer);
      }
    }
    List<Sample> samples = collect(sent);
    long cut = end - length.toNanos();
    return samples.stream().filter(s -> s.sentAt() >= cut).toList();
  }

  private CompletableFuture<Sample> ask(String card) {
    try {
      ISOMsg request = TestAcquirer.request("0100", card);
      long sentAt = System.nanoTime();
      return acquirer.ask(request)
          .thenApply(answer -> new Sample(sentAt, (System.nanoTime() - sentAt) / 1_000, answer.getString(39),
              request.getString(37)));
    } catch (Exception e) {
      throw new IllegalStateException("ACQ1 could not send", e);
    }
  }

  private static List<Sample> collect(List<CompletableFuture<Sample>> sent) throws Exception {
    List<Sample> samples = new ArrayList<>(sent.size());
    for (CompletableFuture<Sample> answer : List.copyOf(sent)) {
      samples.add(answer.get(30, TimeUnit.SECONDS));
    }
    return samples;
  }

  private void assertAnswered(List<Sample> samples) throws InterruptedException {
    Poll.until("every request of ACQ1 answered", PATIENCE, () -> acquirer.pending() == 0);
    assertEquals(acquirer.sent(), acquirer.answered(), "one answer per request");
    assertEquals(List.of(), acquirer.unexpected(), "no answer twice");
  }

  private static String summary(List<Sample> samples) {
    long approved = samples.stream().filter(s -> "00".equals(s.rc())).count();
    return String.format("%d requests, %d approved, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
        samples.size(), approved, percentile(samples, 50) / 1000.0, percentile(samples, 99) / 1000.0,
        percentile(samples, 99.9) / 1000.0, percentile(samples, 100) / 1000.0);
  }

  private static long percentile(List<Sample> samples, double percent) {
    if (samples.isEmpty()) {
      return 0;
    }
    long[] micros = samples.stream().mapToLong(Sample::micros).toArray();
    Arrays.sort(micros);
    int index = (int) Math.ceil(percent / 100.0 * micros.length) - 1;
    return micros[Math.max(0, Math.min(micros.length - 1, index))];
  }

  /** Moves every bank to {@code to}; the nanoTime window the move took. */
  private long[] moveAllWindow(String to, List<String> outcomes) throws InterruptedException {
    long started = System.nanoTime();
    outcomes.add(moveAll(to));
    return new long[] {started, System.nanoTime()};
  }

  /** The samples sent within any of {@code windows}. */
  private static List<Sample> within(List<Sample> samples, List<long[]> windows) {
    return samples.stream()
        .filter(s -> windows.stream().anyMatch(w -> s.sentAt() >= w[0] && s.sentAt() <= w[1]))
        .toList();
  }

  /**
   * The worst latency of the requests sent in each 10 ms from 50 ms before {@code window} to its
   * end: where in a move the latency was added.
   */
  private static String bySlot(List<Sample> samples, long[] window) {
    long from = window[0] - 50_000_000L;
    int slots = (int) ((window[1] - from) / 10_000_000L) + 1;
    long[] worst = new long[slots];
    for (Sample sample : samples) {
      if (sample.sentAt() >= from && sample.sentAt() <= window[1]) {
        int slot = (int) ((sample.sentAt() - from) / 10_000_000L);
        worst[slot] = Math.max(worst[slot], sample.micros());
      }
    }
    StringBuilder line = new StringBuilder();
    for (long micros : worst) {
      line.append(line.isEmpty() ? "" : " ").append(micros / 1000);
    }
    return line.toString();
  }

  /**
   * How many answers came in each 10 ms from 50 ms before {@code window} to 100 ms after its end:
   * a pause anywhere on the path shows as empty slots followed by a crowded one.
   */
  private static String arrivals(List<Sample> samples, long[] window) {
    long from = window[0] - 50_000_000L;
    int slots = (int) ((window[1] + 100_000_000L - from) / 10_000_000L) + 1;
    int[] count = new int[slots];
    for (Sample sample : samples) {
      long answeredAt = sample.sentAt() + sample.micros() * 1_000L;
      if (answeredAt >= from) {
        int slot = (int) ((answeredAt - from) / 10_000_000L);
        if (slot < slots) {
          count[slot]++;
        }
      }
    }
    StringBuilder line = new StringBuilder();
    for (int n : count) {
      line.append(line.isEmpty() ? "" : " ").append(n);
    }
    return line.toString();
  }

  /** The worst latency of the requests sent during {@code windows}, and how long the windows lasted. */
  private static String addedDuring(List<Sample> samples, List<long[]> windows, String before) {
    List<Sample> during = within(samples, windows);
    long millis = windows.stream().mapToLong(w -> (w[1] - w[0]) / 1_000_000).sum();
    return String.format("%d ms, %d requests sent meanwhile, worst %.1f ms, p99 %.1f ms%s", millis, during.size(),
        percentile(during, 100) / 1000.0, percentile(during, 99) / 1000.0, before.isEmpty() ? "" : " (before it: " + before + ")");
  }

  /** Moves every bank to {@code to}, once accepted; the outcomes per bank and the contexts handed over. */
  private String moveAll(String to) throws InterruptedException {
    String[] body = {""};
    Poll.until("a move of every bank to " + to + " accepted", PATIENCE, () -> {
      Api.Answer answer = Api.call("POST", "/api/banks/move-all", "{\"to\":\"" + to + "\"}", "operator");
      body[0] = answer.body();
      return answer.status() == 200;
    });
    return to + ": " + MOVE.matcher(body[0]).results()
        .map(found -> found.group(1) + " " + found.group(3) + " (" + found.group(2) + " in flight)").toList();
  }

  private static final java.util.regex.Pattern MOVE = java.util.regex.Pattern.compile(
      "\"bankId\":\"(\\w+)\".*?\"contextsHandedOver\":(\\d+).*?\"outcome\":\"(\\w+)\"");

  /** Every bank on its home node (ACQ1, ISS1 on A; ACQ2, ISS2 on B) and both nodes UP. */
  private void banksHome() throws InterruptedException {
    Poll.until("every bank at home", PATIENCE,
        () -> moved("ACQ1", "A") && moved("ISS1", "A") && moved("ACQ2", "B") && moved("ISS2", "B"));
  }

  private static boolean moved(String bank, String to) {
    return Api.call("POST", "/api/banks/" + bank + "/move", "{\"to\":\"" + to + "\"}", "operator").status() == 200;
  }

  /** Sets {@code inflight.replication} and waits until both nodes say they work with it. */
  private void setReplication(String mode) throws Exception {
    var settings = topology.settings();
    try (var connection = java.sql.DriverManager.getConnection(settings.databaseUrl(), settings.databaseUser(),
            settings.databasePassword());
        var update = connection.prepareStatement("UPDATE switch_setting SET value = ? WHERE name = 'inflight.replication'")) {
      update.setString(1, mode);
      assertEquals(1, update.executeUpdate(), "the setting exists");
    }
    for (String node : List.of("node-a", "node-b")) {
      Poll.until(node + " replicates " + mode, PATIENCE, () -> mode.equals(replicationOf(node)));
    }
  }

  /** What the node last logged about its replication, or what it logged when it started. */
  private String replicationOf(String node) {
    try {
      String log = Files.readString(topology.layout().log(node));
      int changed = log.lastIndexOf("in-flight replication now ");
      int started = log.lastIndexOf(", in-flight replication ");
      if (changed > started) {
        return log.substring(changed + 26, changed + 30).strip();
      }
      return started < 0 ? "" : log.substring(started + 24, started + 28).strip();
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private long kill9(String role) throws Exception {
    long processGroup = Long.parseLong(Files.readString(topology.layout().pidFile(role)).strip());
    Process kill = new ProcessBuilder("kill", "-s", "KILL", "--", "-" + processGroup).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -s KILL -- -" + processGroup);
    return System.nanoTime();
  }

  private static void pause(Duration length) {
    // the benchmark's schedule: load runs this long before the next step, not a wait for a condition
    java.util.concurrent.locks.LockSupport.parkNanos(length.toNanos());
  }

  private static void answer(TestIssuer issuer, ISOMsg answer) {
    try {
      issuer.answer(answer);
    } catch (Exception e) {
      throw new IllegalStateException(issuer.name() + " could not answer", e);
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
