package dev.baton.systemtests.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.systemtests.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Operators' moves while ACQ1 sends 300 requests a second (cards of both BINs, so of both issuers):
 * 20 moves of ACQ1 from node to node, then 10 moves of every bank, through the management API.
 * Every request is answered once, every answer is the issuer's approval, and no bank's connection
 * is closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MovesUnderLoadScenarios {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Duration ANSWER = Duration.ofSeconds(12);
  private static final List<String> CARDS = List.of("4000000000000002", "5100000000000008");
  private static final int RATE = 300;

  private TestAcquirer acquirer;
  private TestIssuer iss1;
  private TestIssuer iss2;

  /** Moves one bank through the management API as an operator; the HTTP status. */
  protected abstract int move(String bank, String to);

  /** Moves every bank through the management API as an operator; the HTTP status. */
  protected abstract int moveAll(String to);

  @BeforeAll
  void connectTheDemoBanks() throws Exception {
    iss1 = new TestIssuer("ISS1", 10011, PATIENCE);
    iss2 = new TestIssuer("ISS2", 10012, PATIENCE);
    acquirer = new TestAcquirer("ACQ1", 10001, PATIENCE);
    for (String card : CARDS) {
      Poll.until("an approval for " + card.charAt(0), PATIENCE, () -> approved(card));
    }
  }

  @AfterAll
  void banksGoHomeAndNoConnectionWasClosed() throws Exception {
    for (String[] home : new String[][] {{"ACQ1", "A"}, {"ISS1", "A"}, {"ACQ2", "B"}, {"ISS2", "B"}}) {
      Poll.until(home[0] + " back home on " + home[1], PATIENCE, () -> acceptedAfterRefusals(move(home[0], home[1])));
    }
    for (BankPeer bank : List.of(acquirer, iss1, iss2)) {
      assertFalse(bank.closedBySwitch(), bank.name() + "'s connection was closed by the switch");
      bank.close();
    }
  }

  @Test
  void twentyMovesOfOneBankAndTenOfAllUnderLoadAnswerEveryRequestOnceWithItsApproval() throws Exception {
    AtomicBoolean sending = new AtomicBoolean(true);
    List<CompletableFuture<ISOMsg>> answers = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread load = Thread.ofPlatform().name("acq1-load").start(() -> {
      long interval = 1_000_000_000L / RATE;
      long next = System.nanoTime();
      int i = 0;
      while (sending.get()) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing the load
        }
        try {
          answers.add(acquirer.ask(TestAcquirer.request("0100", CARDS.get(i++ % 2))));
        } catch (Exception e) {
          throw new IllegalStateException("ACQ1 could not send", e);
        }
        next += interval;
      }
    });
    try {
      // A node SUSPECT for a heartbeat (2 busy cores) refuses a move with 409, as it should; the
      // operator tries again, as the test does until the move is accepted.
      for (int i = 0; i < 20; i++) {
        String to = i % 2 == 0 ? "B" : "A";
        Poll.until("move " + (i + 1) + " of ACQ1 to " + to + " accepted", PATIENCE, () -> acceptedAfterRefusals(move("ACQ1", to)));
      }
      for (int i = 0; i < 10; i++) {
        String to = i % 2 == 0 ? "B" : "A";
        Poll.until("move " + (i + 1) + " of all banks to " + to + " accepted", PATIENCE, () -> acceptedAfterRefusals(moveAll(to)));
      }
    } finally {
      sending.set(false);
      load.join();
    }
    Map<String, Integer> byRc = new TreeMap<>();
    for (CompletableFuture<ISOMsg> answer : List.copyOf(answers)) {
      byRc.merge(TestAcquirer.await(answer, ANSWER).getString(39), 1, Integer::sum);
    }
    Poll.until("every request of ACQ1 answered", ANSWER, () -> acquirer.pending() == 0);
    assertTrue(answers.size() > 300, "the load ran through the moves: " + answers.size() + " requests");
    assertEquals(acquirer.sent(), acquirer.answered(), "one answer per request");
    assertEquals(List.of(), acquirer.unexpected(), "no answer nobody asked for, and none twice");
    assertEquals(Map.of("00", answers.size()), byRc, "every request approved, as the issuers did");
  }

  /** True for 200, false for 409 (the target not UP at that moment); anything else fails the test. */
  private static boolean acceptedAfterRefusals(int status) {
    if (status != 200 && status != 409) {
      throw new AssertionError("a move answered " + status);
    }
    return status == 200;
  }

  private boolean approved(String card) {
    try {
      return "00".equals(acquirer.exchange(TestAcquirer.request("0100", card), ANSWER).getString(39));
    } catch (Exception | AssertionError e) {
      return false;
    }
  }
}
