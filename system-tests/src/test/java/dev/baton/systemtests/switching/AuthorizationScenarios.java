package dev.baton.systemtests.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.systemtests.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One authorization at a time through the demo topology (CONTRACT.md): acquirer ACQ1 (routed to
 * node A) on 10001, issuers ISS1 (BIN 4, node A) on 10011 and ISS2 (BIN 5, node B) on 10012, all
 * jPOS peers on real sockets. After every test the acquirer must have had exactly one answer per
 * request and nothing else; after all of them, no bank connection was closed by the switch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AuthorizationScenarios {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  /** Longer than the issuer timeout (5 s) and the edge's own deadline (6 s). */
  private static final Duration ANSWER = Duration.ofSeconds(12);
  private static final String VISA = "4000000000000002";
  private static final String MASTERCARD = "5100000000000008";

  private TestAcquirer acquirer;
  private TestIssuer iss1;
  private TestIssuer iss2;

  /** The pid file of a server of the started topology ("node-a", ...). */
  protected abstract Path pidFile(String role);

  /** The node a bank is routed to now, as the edge sees it. */
  protected abstract Optional<String> routeOf(String bank);

  /** Moves a bank to a node as an operator would; false when the move was refused. */
  protected abstract boolean moveBank(String bank, String node);

  /** The response code terminal management shows as the last authorization of {@code tid}. */
  protected abstract Optional<String> lastAuthorizationOf(String tid);

  @BeforeAll
  void connectTheDemoBanks() throws Exception {
    iss1 = new TestIssuer("ISS1", 10011, PATIENCE);
    iss2 = new TestIssuer("ISS2", 10012, PATIENCE);
    acquirer = new TestAcquirer("ACQ1", 10001, PATIENCE);
    // The nodes learn the issuers' sign-on from the edge; until then they answer RC 91.
    for (String pan : List.of(VISA, MASTERCARD)) {
      Poll.until("an approval for BIN " + pan.charAt(0) + " comes through", PATIENCE,
          () -> approved(pan));
    }
    iss1.forgetRequests();
    iss2.forgetRequests();
  }

  @AfterEach
  void everyRequestGotExactlyOneAnswer() throws Exception {
    Poll.until("every request of ACQ1 answered", ANSWER, () -> acquirer.pending() == 0);
    assertEquals(acquirer.sent(), acquirer.answered(), "one answer per request");
    assertEquals(List.of(), acquirer.unexpected().stream().map(AuthorizationScenarios::describe).toList(),
        "no answer nobody asked for, and none twice");
    iss1.answerWith(request -> TestIssuer.answerOf(request, "00"));
    iss1.forgetRequests();
    iss2.forgetRequests();
  }

  @AfterAll
  void noBankSessionWasClosedByTheSwitch() throws Exception {
    for (BankPeer bank : List.of(acquirer, iss1, iss2)) {
      assertFalse(bank.closedBySwitch(), bank.name() + "'s connection was closed by the switch");
      bank.close();
    }
  }

  @Test
  void approvalsTravelToTheIssuerOfTheCardsBinAndBackOnBothNodes() throws Exception {
    for (TestIssuer issuer : List.of(iss1, iss2)) {
      issuer.forgetRequests();
      String pan = issuer == iss1 ? VISA : MASTERCARD;
      ISOMsg request = TestAcquirer.request("0100", pan);

      ISOMsg answer = acquirer.exchange(request, ANSWER);

      assertEquals("0110", answer.getMTI());
      assertEquals("00", answer.getString(39));
      assertEquals("AUTH01", answer.getString(38), "the issuer's approval code reaches the acquirer");
      assertEquals(request.getString(11), answer.getString(11), "the acquirer's own STAN");
      assertEquals(request.getString(37), answer.getString(37));
      assertEquals(request.getString(41), answer.getString(41));
      ISOMsg atIssuer = issuer.nextRequest(ANSWER);
      assertEquals(pan, atIssuer.getString(2));
      assertTrue(Integer.parseInt(atIssuer.getString(11)) < 500_000, "node A numbers issuer STANs below 500000");
    }
  }

  @Test
  void financialRequestAndIssuerDeclineReachTheAcquirer() throws Exception {
    iss1.answerWith(request -> TestIssuer.answerOf(request, "05"));

    ISOMsg answer = acquirer.exchange(TestAcquirer.request("0200", VISA), ANSWER);

    assertEquals("0210", answer.getMTI());
    assertEquals("05", answer.getString(39));
  }

  @Test
  void terminalManagementSeesEachTerminalsLastAuthorizationAndItsResponseCode() throws Exception {
    String tid = String.format("LA%06d", System.nanoTime() % 1_000_000);
    // A financial decline, then an authorization approval: each replaces what was shown before.
    for (String rc : List.of("05", "00")) {
      iss1.answerWith(request -> TestIssuer.answerOf(request, rc));
      ISOMsg request = TestAcquirer.request("05".equals(rc) ? "0200" : "0100", VISA);
      request.set(41, tid);
      assertEquals(rc, acquirer.exchange(request, ANSWER).getString(39));
      Poll.until("terminal " + tid + " shows its latest authorization, RC " + rc, PATIENCE,
          () -> lastAuthorizationOf(tid).equals(Optional.of(rc)));
    }
  }

  @Test
  void unknownBinIsDeclinedRc15WithoutAnyIssuerSeeingIt() throws Exception {
    ISOMsg answer = acquirer.exchange(TestAcquirer.request("0100", "9990000000000001"), ANSWER);

    assertEquals("15", answer.getString(39));
    ISOMsg approved = acquirer.exchange(TestAcquirer.request("0100", VISA), ANSWER);
    assertEquals("00", approved.getString(39));
    assertEquals(VISA, iss1.nextRequest(ANSWER).getString(2), "ISS1's first request is the Visa one");
    assertEquals(0, drain(iss2).size(), "ISS2 saw nothing");
  }

  @Test
  void duplicateTransmissionIsDeclinedRc94AndTheOriginalStillApproved() throws Exception {
    ISOMsg original = TestAcquirer.request("0100", VISA);
    assertEquals("00", acquirer.exchange(original, ANSWER).getString(39));

    ISOMsg repeated = (ISOMsg) original.clone();
    assertEquals("94", acquirer.exchange(repeated, ANSWER).getString(39));
  }

  @Test
  void reversalGoesToTheOriginalsIssuerAndItsAnswerBackToTheAcquirer() throws Exception {
    ISOMsg original = TestAcquirer.request("0100", MASTERCARD);
    assertEquals("00", acquirer.exchange(original, ANSWER).getString(39));
    ISOMsg originalAtIssuer = iss2.nextRequest(ANSWER);

    ISOMsg answer = acquirer.exchange(TestAcquirer.reversalOf(original), ANSWER);

    assertEquals("0410", answer.getMTI());
    assertEquals("00", answer.getString(39));
    ISOMsg reversalAtIssuer = iss2.nextRequest(ANSWER);
    assertEquals("0400", reversalAtIssuer.getMTI());
    assertTrue(reversalAtIssuer.getString(90).startsWith("0100" + originalAtIssuer.getString(11)),
        "field 90 names the original as the issuer knows it: " + reversalAtIssuer.getString(90));
  }

  @Test
  void issuerTimeoutIsDeclinedRc91AndItsLateApprovalReversedWith0420() throws Exception {
    iss1.answerWith(request -> null);
    ISOMsg request = TestAcquirer.request("0100", VISA);
    CompletableFuture<ISOMsg> answer = acquirer.ask(request);
    ISOMsg atIssuer = iss1.nextRequest(ANSWER);

    assertEquals("91", TestAcquirer.await(answer, ANSWER).getString(39));
    iss1.answer(TestIssuer.answerOf(atIssuer, "00"));

    ISOMsg advice = iss1.nextRequest(ANSWER);
    assertEquals("0420", advice.getMTI());
    assertTrue(advice.getString(90).startsWith("0100" + atIssuer.getString(11)), advice.getString(90));
    assertEquals("AUTH01", advice.getString(38));
    assertNotEquals(atIssuer.getString(11), advice.getString(11), "the advice has its own STAN");
  }

  @Test
  void issuerWithoutASignedOnSessionIsDeclinedRc91AtOnce() throws Exception {
    iss2.close();
    try {
      List<Long> millis = new ArrayList<>();
      // A request that reached ISS2's session just before the adapter saw it close waits for the
      // issuer timeout; once the node knows ISS2 is away, the decline comes at once.
      Poll.until("a Mastercard request is declined RC 91 at once while ISS2 is away", PATIENCE, () -> {
        long start = System.nanoTime();
        ISOMsg answer = exchangeQuietly(requestFor(MASTERCARD));
        millis.add((System.nanoTime() - start) / 1_000_000);
        return answer != null && "91".equals(answer.getString(39)) && millis.getLast() < 2_000;
      });
      assertTrue(millis.getLast() < 2_000, "declined at once, not at the 5 s issuer timeout: " + millis.getLast() + " ms");
    } finally {
      iss2 = new TestIssuer("ISS2", 10012, PATIENCE);
    }
    Poll.until("ISS2 approves again after signing on", PATIENCE, () -> approved(MASTERCARD));
  }

  @Test
  void nodeThatFallsSilentIsDeclaredDownAndItsBanksFailOverToTheOtherNode() throws Exception {
    long nodeA = Long.parseLong(Files.readString(pidFile("node-a")).strip());
    List<CompletableFuture<ISOMsg>> whileAway = new ArrayList<>();
    signal("STOP", nodeA);
    try {
      // Node A (ACQ1's and ISS1's node) answers nothing now, heartbeats included: the edge declares
      // it DOWN after 3 x 100 ms and moves its banks to node B, which approves from then on. Requests
      // that were on node A when it froze get one answer each: node A's if it is back before their
      // deadline, else the edge's RC 91.
      Poll.until("a request is approved quickly by node B while node A is frozen", ANSWER, () -> {
        long start = System.nanoTime();
        CompletableFuture<ISOMsg> answer = askQuietly(requestFor(VISA));
        whileAway.add(answer);
        try {
          ISOMsg approved = answer.get(500, java.util.concurrent.TimeUnit.MILLISECONDS);
          return "00".equals(approved.getString(39)) && System.nanoTime() - start < 500_000_000L;
        } catch (java.util.concurrent.TimeoutException stillWaiting) {
          return false;
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(e);
        }
      });
    } finally {
      signal("CONT", nodeA);
    }
    for (CompletableFuture<ISOMsg> answer : whileAway) {
      String rc = TestAcquirer.await(answer, ANSWER).getString(39);
      assertTrue(List.of("00", "91").contains(rc), "approved, or declined at the deadline: " + rc);
    }
    // The cluster's route table has the failover once node A is back in the cluster (the edge
    // routed by it at once); node A takes no traffic back by itself.
    Poll.until("the cluster routes ACQ1 and ISS1 to node B", PATIENCE,
        () -> routeOf("ACQ1").equals(Optional.of("B")) && routeOf("ISS1").equals(Optional.of("B")));
    Poll.until("ACQ1 approves on node B with node A back", PATIENCE, () -> approved(VISA));
    assertEquals(Optional.of("B"), routeOf("ACQ1"), "a node that comes back does not take banks back by itself");
    Poll.until("node A is UP again and takes ACQ1 and ISS1 back", PATIENCE, () -> moveBank("ACQ1", "A") && moveBank("ISS1", "A"));
    Poll.until("node A approves again", PATIENCE, () -> approved(VISA));
  }

  private boolean approved(String pan) {
    ISOMsg answer = exchangeQuietly(requestFor(pan));
    return answer != null && "00".equals(answer.getString(39));
  }

  private CompletableFuture<ISOMsg> askQuietly(ISOMsg request) {
    try {
      return acquirer.ask(request);
    } catch (IOException | org.jpos.iso.ISOException e) {
      throw new IllegalStateException("ACQ1 could not send", e);
    }
  }

  private ISOMsg exchangeQuietly(ISOMsg request) {
    try {
      return acquirer.exchange(request, ANSWER);
    } catch (Exception | AssertionError e) {
      return null;
    }
  }

  private static ISOMsg requestFor(String pan) {
    try {
      return TestAcquirer.request("0100", pan);
    } catch (org.jpos.iso.ISOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<ISOMsg> drain(TestIssuer issuer) {
    List<ISOMsg> left = new ArrayList<>();
    try {
      while (true) {
        left.add(issuer.nextRequest(Duration.ofMillis(300)));
      }
    } catch (AssertionError | InterruptedException none) {
      return left;
    }
  }

  private static void signal(String signal, long processGroup) throws IOException, InterruptedException {
    // "--" so that the negative number is read as a process group, not as an option
    Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + processGroup).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -s " + signal + " -- -" + processGroup);
  }

  private static String describe(ISOMsg message) {
    return message.getString(0) + " 11=" + message.getString(11) + " 39=" + message.getString(39);
  }
}
