package dev.baton.systemtests.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.systemtests.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * kill -9 of node A (ACQ1's and ISS1's node) while ACQ1 sends 300 requests a second, with the
 * issuer answering after 300 ms so that about a hundred authorizations are in flight on node A
 * when it dies. Each test counts requests and answers one to one, restarts node A and moves the
 * banks home.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class FailoverScenarios {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Duration ANSWER = Duration.ofSeconds(12);
  private static final String VISA = "4000000000000002";
  private static final int RATE = 300;
  private static final Duration LOAD = Duration.ofSeconds(4);
  private static final Duration KILL_AFTER = Duration.ofSeconds(2);
  private static final long ISSUER_LATENCY_MILLIS = 300;

  private TestAcquirer acquirer;
  private TestIssuer iss1;
  private TestIssuer iss2;
  private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);

  /** The pid file of a server of the started topology ("node-a", ...). */
  protected abstract Path pidFile(String role);

  /** The log of a server of the started topology. */
  protected abstract Path log(String role);

  /** Starts a killed server again and waits until it is ready. */
  protected abstract void restart(String role) throws Exception;

  /** Sets a row of {@code switch_setting} in the topology's database. */
  protected abstract void setSetting(String name, String value) throws Exception;

  /** The node a bank is routed to now, in the cluster's route table. */
  protected abstract java.util.Optional<String> routeOf(String bank);

  /** Moves a bank to a node as an operator would; false when the move was refused. */
  protected abstract boolean moveBank(String bank, String node);

  @BeforeAll
  void connectTheDemoBanks() throws Exception {
    iss1 = new TestIssuer("ISS1", 10011, PATIENCE);
    iss2 = new TestIssuer("ISS2", 10012, PATIENCE);
    acquirer = new TestAcquirer("ACQ1", 10001, PATIENCE);
    Poll.until("an approval comes through node A", PATIENCE, this::approved);
  }

  @AfterAll
  void closeTheBanks() throws Exception {
    setSetting("inflight.replication", "none");
    clock.shutdownNow();
    for (BankPeer bank : List.of(acquirer, iss1, iss2)) {
      assertFalse(bank.closedBySwitch(), bank.name() + "'s connection was closed by the switch");
      bank.close();
    }
  }

  @Test
  @Order(1)
  void killedNodeWithoutReplicationFailsOverAndItsOpenRequestsGetRc91AtTheirDeadline() throws Exception {
    setSetting("inflight.replication", "none");
    Run run = sendWhileNodeADies();

    assertTrue(run.failoverMillis() < 1_000, "traffic flows on node B " + run.failoverMillis() + " ms after the kill");
    System.out.println("failover with in-flight replication none: traffic flows on node B " + run.failoverMillis()
        + " ms after the kill");
    List<Outcome> lostContexts = run.reachedIssuer().stream().filter(o -> !"00".equals(o.rc())).toList();
    assertTrue(lostContexts.size() > 0, "node A had authorizations at the issuer when it died");
    for (Outcome outcome : run.notApproved()) {
      assertTrue(List.of("00", "91").contains(outcome.rc()), "approved, or declined: " + outcome.rc());
    }
    for (Outcome lost : lostContexts) {
      assertEquals("91", lost.rc(), "a context lost with node A is declined");
      assertTrue(lost.millis() >= 5_000, "declined at its deadline, not before: " + lost.millis() + " ms");
    }
  }

  @Test
  @Order(2)
  void killedNodeWithSyncReplicationLosesNoAuthorizationThatReachedTheIssuer() throws Exception {
    // Both nodes: node A writes its contexts to the cluster, node B waits for the cluster to
    // exclude node A before it reads them. Counted from now: an earlier phase may have said it too.
    int[] before = {mentions("node-a", "in-flight replication now sync"), mentions("node-b", "in-flight replication now sync")};
    setSetting("inflight.replication", "sync");
    Poll.until("nodes A and B replicate their in-flight authorizations", PATIENCE,
        () -> mentions("node-a", "in-flight replication now sync") > before[0]
            && mentions("node-b", "in-flight replication now sync") > before[1]);
    Run run = sendWhileNodeADies();

    assertTrue(run.reachedIssuer().size() > 50, "node A had authorizations at the issuer when it died: " + run.reachedIssuer().size());
    List<Outcome> notApproved = run.reachedIssuer().stream().filter(o -> !"00".equals(o.rc())).toList();
    assertEquals(List.of(), notApproved, "every authorization the issuer approved reached its acquirer");
    // How soon traffic flows again is the benchmark's to measure (-Pswitchover-benchmark); it
    // depends on how soon the cluster confirms the dead member gone, on a busy machine.
    System.out.println("failover with in-flight replication sync: traffic flows on node B "
        + run.failoverMillis() + " ms after the kill; " + run.reachedIssuer().size()
        + " authorizations were at the issuer, all approved");
  }

  private record Outcome(String rrn, String rc, long sentAtNanos, long millis) {}

  /**
   * The outcomes of the requests sent before the kill that were not approved, of those sent before
   * the kill that reached the issuer, and the time from the kill to the first approval of a request
   * sent after it.
   */
  private record Run(List<Outcome> notApproved, List<Outcome> reachedIssuer, long failoverMillis) {}

  private Run sendWhileNodeADies() throws Exception {
    // A node just started can miss three heartbeats while it warms up, and its banks then fail
    // over to node B: node A must serve them again before it is killed.
    Poll.until("node A serves ACQ1 and ISS1", PATIENCE, () -> servedByA("ACQ1") && servedByA("ISS1") && approved());
    Set<String> atIssuer = ConcurrentHashMap.newKeySet();
    iss1.answerWith(request -> {
      atIssuer.add(request.getString(37));
      clock.schedule(() -> answerQuietly(iss1, TestIssuer.answerOf(request, "00")), ISSUER_LATENCY_MILLIS, TimeUnit.MILLISECONDS);
      return null;
    });
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
    long start = System.nanoTime();
    long killAt = start + KILL_AFTER.toNanos();
    long interval = 1_000_000_000L / RATE;
    long next = start;
    boolean killed = false;
    while (next < start + LOAD.toNanos()) {
      if (!killed && System.nanoTime() >= killAt) {
        kill9("node-a");
        killAt = System.nanoTime();
        killed = true;
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a condition
      }
      outcomes.add(send());
      next += interval;
    }
    List<Outcome> all = new ArrayList<>();
    for (CompletableFuture<Outcome> outcome : outcomes) {
      all.add(outcome.get(ANSWER.toMillis(), TimeUnit.MILLISECONDS));
    }
    Poll.until("every request of ACQ1 answered", ANSWER, () -> acquirer.pending() == 0);
    assertEquals(acquirer.sent(), acquirer.answered(), "one answer per request");
    assertEquals(List.of(), acquirer.unexpected(), "no answer nobody asked for, and none twice");

    long kill = killAt;
    long failover = all.stream()
        .filter(o -> o.sentAtNanos() >= kill && "00".equals(o.rc()))
        .mapToLong(o -> (o.sentAtNanos() - kill) / 1_000_000 + o.millis())
        .min()
        .orElseThrow(() -> new AssertionError("no request sent after the kill was approved"));
    List<Outcome> beforeKill = all.stream().filter(o -> o.sentAtNanos() < kill).toList();
    List<Outcome> notApproved = beforeKill.stream().filter(o -> !"00".equals(o.rc())).toList();
    List<Outcome> reached = beforeKill.stream().filter(o -> atIssuer.contains(o.rrn())).toList();
    return new Run(notApproved, reached, failover);
  }

  private CompletableFuture<Outcome> send() throws Exception {
    ISOMsg request = TestAcquirer.request("0100", VISA);
    long sentAt = System.nanoTime();
    return acquirer.ask(request).thenApply(answer ->
        new Outcome(request.getString(37), answer.getString(39), sentAt, (System.nanoTime() - sentAt) / 1_000_000));
  }

  /** After each test, pass or fail: node A running again, ACQ1 and ISS1 back on it. */
  @AfterEach
  void bringNodeABack() throws Exception {
    iss1.answerWith(request -> TestIssuer.answerOf(request, "00"));
    long processGroup = Long.parseLong(Files.readString(pidFile("node-a")).strip());
    if (ProcessHandle.of(processGroup).map(ProcessHandle::isAlive).orElse(false)) {
      return; // the test did not get as far as the kill
    }
    restart("node-a");
    Poll.until("the cluster routes ACQ1 and ISS1 to node B", PATIENCE,
        () -> routeOf("ACQ1").equals(java.util.Optional.of("B")) && routeOf("ISS1").equals(java.util.Optional.of("B")));
    Poll.until("node A is back and takes ACQ1 and ISS1 again", PATIENCE,
        () -> moveBank("ACQ1", "A") && moveBank("ISS1", "A") && approved());
  }

  /** Whether node A serves the bank; when it does not, asks for the move (the next poll sees it). */
  private boolean servedByA(String bank) {
    if (routeOf(bank).equals(java.util.Optional.of("A"))) {
      return true;
    }
    moveBank(bank, "A");
    return false;
  }

  private boolean approved() {
    try {
      ISOMsg answer = acquirer.exchange(TestAcquirer.request("0100", VISA), ANSWER);
      return "00".equals(answer.getString(39));
    } catch (Exception | AssertionError e) {
      return false;
    }
  }

  /** How many times the role's log says {@code text}. */
  private int mentions(String role, String text) {
    try {
      String log = Files.readString(log(role));
      int count = 0;
      for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + text.length())) {
        count++;
      }
      return count;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void answerQuietly(TestIssuer issuer, ISOMsg answer) {
    try {
      issuer.answer(answer);
    } catch (Exception e) {
      throw new IllegalStateException(issuer.name() + " could not answer", e);
    }
  }

  private void kill9(String role) throws IOException, InterruptedException {
    long processGroup = Long.parseLong(Files.readString(pidFile(role)).strip());
    Process kill = new ProcessBuilder("kill", "-s", "KILL", "--", "-" + processGroup).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -s KILL -- -" + processGroup);
  }
}
